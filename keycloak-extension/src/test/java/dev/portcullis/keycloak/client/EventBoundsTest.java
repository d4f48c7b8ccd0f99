package dev.portcullis.keycloak.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventBoundsTest {

    static Map<String, Object> failedLogin(String username) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("time", "2026-12-01T10:00:00Z");
        event.put("type", "LOGIN_ERROR");
        event.put("subject", username);
        event.put("outcome", "failure");
        event.put("ip", "192.0.2.1");
        event.put("details", Map.of("realm", "employees", "error", "user_not_found"));
        return event;
    }

    /** What the policy service will make of the subject: it must fit its 255 characters. */
    static String asTheServiceSeesIt(Object subject) {
        return ((String) subject).strip().toLowerCase(Locale.ROOT);
    }

    @Test
    void aFullWidthNameStaysItsOwn() {
        // the policy service keeps ａｌｉｃｅ and alice apart (two accounts in Keycloak): no NFKC on the way
        assertThat(EventBounds.fit(failedLogin("ａｌｉｃｅ")).get("subject")).isEqualTo("ａｌｉｃｅ");
    }

    @Test
    void anIdTheServiceWouldRefuseLeavesTheEventWhichThenGoesByName() {
        Map<String, Object> event = failedLogin("alice");
        event.put("subjectId", "f:ldap:" + "9".repeat(300));
        event.put("subjectCreated", "2026-01-01T00:00:00Z");
        Map<String, Object> fitted = EventBounds.fit(event);
        assertThat(fitted).doesNotContainKeys("subjectId", "subjectCreated").containsEntry("subject", "alice");
        assertThat(((Map<?, ?>) fitted.get("details")).get("sanitized")).isEqualTo(List.of("subjectId"));
        Map<String, Object> fine = failedLogin("alice");
        fine.put("subjectId", "0b4c5e8a-2f0e-4d0c-9a49-6b1f0e2d8c11");
        assertThat(EventBounds.fit(fine)).isEqualTo(fine);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "ﷺ", "\u0000\u0007\u001b[31m", "Ａ", "😀", "ß", "İ"})
    void aHostileUsernameIsCutToWhatTheServiceAcceptsAndTheEventSaysSo(String unit) {
        String hostile = unit.repeat(5_000);
        Map<String, Object> fitted = EventBounds.fit(failedLogin(hostile));
        assertThat(asTheServiceSeesIt(fitted.get("subject")).length()).isLessThanOrEqualTo(255);
        assertThat((String) fitted.get("subject")).endsWith("...");
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) fitted.get("details");
        assertThat(details).containsEntry("truncated", List.of("subject"))
                .containsEntry("subjectLength", hostile.codePointCount(0, hostile.length()))
                .containsEntry("error", "user_not_found");
        assertThat((String) details.get("subjectSha256")).hasSize(16);
        assertThat(fitted).containsEntry("type", "LOGIN_ERROR").containsEntry("outcome", "failure");
    }

    @Test
    void twoHostileUsernamesWithTheSameStartStayApart() {
        Map<String, Object> a = EventBounds.fit(failedLogin("a".repeat(300) + "1"));
        Map<String, Object> b = EventBounds.fit(failedLogin("a".repeat(300) + "2"));
        assertThat(a.get("subject")).isEqualTo(b.get("subject"));
        assertThat(((Map<?, ?>) a.get("details")).get("subjectSha256"))
                .isNotEqualTo(((Map<?, ?>) b.get("details")).get("subjectSha256"));
    }

    @Test
    void anOrdinaryEventIsLeftAsItIs() {
        Map<String, Object> event = failedLogin("alice");
        assertThat(EventBounds.fit(event)).isEqualTo(event);
    }

    @Test
    void longDetailsAndIpsAreCutUnderTheLimitsAndNamed() {
        Map<String, Object> event = failedLogin("bob");
        Map<String, Object> details = new LinkedHashMap<>();
        for (String key : List.of("redirect_uri", "reason", "auth_method", "response_mode", "code_id", "grant_type",
                "identity_provider", "credential_type", "auth_type")) {
            details.put(key, "https://evil.example/" + "z".repeat(3_000));
        }
        event.put("details", details);
        event.put("ip", "1".repeat(300));
        Map<String, Object> fitted = EventBounds.fit(event);
        assertThat(EventBounds.size(fitted.get("details"))).isLessThanOrEqualTo(EventBounds.DETAILS_MAX);
        assertThat((String) fitted.get("ip")).hasSize(64);
        assertThat(String.valueOf(((Map<?, ?>) fitted.get("details")).get("truncated"))).contains("ip").contains("details.redirect_uri");
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        assertThat(EventBounds.cut("a😀", 2)).isEqualTo("a");
        assertThat(EventBounds.cut("a😀", 3)).isEqualTo("a😀");
    }

    /**
     * A prober's {@code a%00b} at the login form: the API refuses control characters (PostgreSQL cannot
     * store a NUL at all), so they are replaced before the event is journaled, and the event says so;
     * two attempts that differ only there stay apart.
     */
    @Test
    void controlCharactersInTheUsernameAndTheIpAreReplacedAndMarked() {
        Map<String, Object> nul = failedLogin("a\u0000b");
        nul.put("ip", "10.0.0.1\r\nX-Injected: yes");
        Map<String, Object> fitted = EventBounds.fit(nul);
        Map<String, Object> other = EventBounds.fit(failedLogin("a\u0001b"));
        assertThat(fitted.get("subject")).isEqualTo("a\uFFFDb");
        assertThat(fitted.get("ip")).isEqualTo("10.0.0.1\uFFFD\uFFFDX-Injected: yes");
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) fitted.get("details");
        @SuppressWarnings("unchecked")
        Map<String, Object> otherDetails = (Map<String, Object>) other.get("details");
        assertThat(details.get("sanitized")).isEqualTo(java.util.List.of("subject", "ip"));
        assertThat(details.get("subjectSha256")).isNotEqualTo(otherDetails.get("subjectSha256"));
        assertThat(EventBounds.fit(failedLogin("erin")).get("details")).asString().doesNotContain("sanitized");
    }
}
