package dev.portcullis.keycloak.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.keycloak.support.MapScope;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyServiceSettingsTest {

    private static final String KEY = "pcs_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    @Test
    void defaultsAreTheLocalServiceWithShortTimeoutsAndPasswordChecksFailingOpen() {
        var settings = PolicyServiceSettings.from(new MapScope(Map.of()), Map.of("PORTCULLIS_API_KEY", KEY));
        assertThat(settings.url()).hasToString("http://127.0.0.1:8090");
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.passwordFailureMode()).isEqualTo(FailureMode.OPEN);
        assertThat(settings.eventsJournalMax()).isEqualTo(100_000);
    }

    @Test
    void spiOptionsWinOverTheEnvironment() {
        var settings = PolicyServiceSettings.from(new MapScope(Map.of("url", "https://policy.example:8443/",
                "api-key", KEY, "request-timeout-ms", "800", "password-failure-mode", "Closed")),
                Map.of("PORTCULLIS_URL", "http://other", "PORTCULLIS_API_KEY", "pcs_other"));
        assertThat(settings.url()).hasToString("https://policy.example:8443");
        assertThat(settings.apiKey()).isEqualTo(KEY);
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofMillis(800));
        assertThat(settings.passwordFailureMode()).isEqualTo(FailureMode.CLOSED);
    }

    @ParameterizedTest
    @CsvSource({
        "url, ftp://policy, http or https",
        "url, not a url, valid URL",
        "connect-timeout-ms, 501, between 1 and 500",
        "connect-timeout-ms, 0, between 1",
        "request-timeout-ms, 5000, 2000",
        "password-failure-mode, maybe, 'open' or 'closed'",
        "events-journal-max, 999, between 1000 and 10000000",
        "events-journal-max, 10000001, events-journal-max"
    })
    void badOptionsAreRefusedWithTheOptionNamed(String key, String value, String message) {
        assertThatThrownBy(() -> PolicyServiceSettings.from(new MapScope(Map.of(key, value, "api-key", KEY)), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aMissingKeyIsRefusedAndTheKeyIsNeverPrinted() {
        assertThatThrownBy(() -> PolicyServiceSettings.from(new MapScope(Map.of()), Map.of()))
                .hasMessageContaining("PORTCULLIS_API_KEY");
        var settings = PolicyServiceSettings.from(new MapScope(Map.of("api-key", KEY)), Map.of());
        assertThat(settings.toString()).doesNotContain(KEY).contains("redacted");
        assertThat(PolicyServiceSettings.metadata()).anySatisfy(p -> {
            assertThat(p.getName()).isEqualTo("api-key");
            assertThat(p.isSecret()).isTrue();
        });
    }
}
