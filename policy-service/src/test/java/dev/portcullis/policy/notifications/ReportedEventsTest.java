package dev.portcullis.policy.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.policy.audit.AuditRecord;
import dev.portcullis.policy.audit.Outcome;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which of Keycloak's events its person hears of. */
class ReportedEventsTest {

    @ParameterizedTest(name = "{0} {1} ({2}) -> {3} {4}")
    @CsvSource(nullValues = "null", value = {
        // type, outcome, credential_type -> kind, method
        "UPDATE_CREDENTIAL, success, webauthn,              FACTOR_BOUND,     security-key",
        "UPDATE_CREDENTIAL, success, webauthn-passwordless, FACTOR_BOUND,     passkey",
        "UPDATE_CREDENTIAL, success, otp,                   FACTOR_BOUND,     authenticator-app",
        "UPDATE_CREDENTIAL, success, password,              PASSWORD_CHANGED, null",
        "UPDATE_PASSWORD,   success, null,                  PASSWORD_CHANGED, null",
        "REMOVE_CREDENTIAL, success, webauthn,              FACTOR_REMOVED,   security-key",
        "USER_DISABLED_BY_TEMPORARY_LOCKOUT, success, null, LOCKOUT,          null",
        "USER_DISABLED_BY_PERMANENT_LOCKOUT, success, null, LOCKOUT,          null",
        // nothing happened, or nothing a person must hear of
        "UPDATE_CREDENTIAL, failure, webauthn,              null,             null",
        "UPDATE_CREDENTIAL, success, something-new,         null,             null",
        "REMOVE_CREDENTIAL, success, password,              null,             null",
        "LOGIN,             success, null,                  null,             null",
        "LOGIN_ERROR,       failure, null,                  null,             null",
    })
    void whatAPersonIsToldOf(String type, String outcome, String credential, NotificationKind kind, String method) {
        Map<String, Object> details = new HashMap<>();
        details.put("realm", "employees");
        if (credential != null) {
            details.put("credential_type", credential);
        }
        var message = ReportedEvents.of(new AuditRecord(Instant.now(), "service:keycloak", type, "una",
                "success".equals(outcome) ? Outcome.SUCCESS : Outcome.FAILURE, "192.0.2.7", details));
        assertThat(message.map(ReportedEvents.Message::kind).orElse(null)).isEqualTo(kind);
        message.ifPresent(m -> {
            assertThat(m.realm()).isEqualTo("employees");
            assertThat(m.details().get("method")).isEqualTo(method);
        });
    }

    @ParameterizedTest
    @CsvSource({"UPDATE_CREDENTIAL", "USER_DISABLED_BY_TEMPORARY_LOCKOUT"})
    void anEventWithoutAPersonTellsNobody(String type) {
        assertThat(ReportedEvents.of(new AuditRecord(Instant.now(), "service:keycloak", type, null, Outcome.SUCCESS,
                null, Map.of("credential_type", "webauthn")))).isEmpty();
    }
}
