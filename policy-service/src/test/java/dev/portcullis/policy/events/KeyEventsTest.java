package dev.portcullis.policy.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.policy.audit.AuditRecord;
import dev.portcullis.policy.audit.Outcome;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyEventsTest {

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(nullValues = "null", value = {
        // type, credential_type, outcome -> change (kind:present), or none
        "UPDATE_CREDENTIAL, webauthn,              SUCCESS, key:true",
        "REMOVE_CREDENTIAL, webauthn,              SUCCESS, key:false",
        "UPDATE_CREDENTIAL, webauthn-passwordless, SUCCESS, passkey:true",
        "REMOVE_CREDENTIAL, webauthn-passwordless, SUCCESS, passkey:false",
        "REMOVE_CREDENTIAL, webauthn,              FAILURE, none",   // a refused removal removed nothing
        "REMOVE_CREDENTIAL, otp,                   SUCCESS, none",
        "UPDATE_CREDENTIAL, password,              SUCCESS, none",
        "LOGIN,             webauthn,              SUCCESS, none",
        "REMOVE_CREDENTIAL, null,                  SUCCESS, none",
    })
    void keycloakCredentialEventsBecomeKeyChanges(String type, String credentialType, Outcome outcome, String change) {
        Map<String, Object> details = new HashMap<>();
        if (credentialType != null) {
            details.put("credential_type", credentialType);
        }
        AuditRecord record = new AuditRecord(Instant.now(), "service:keycloak", type, "tara", outcome, null, details);
        List<KeyEvents.KeyChange> changes = KeyEvents.of(List.of(record));
        if ("none".equals(change)) {
            assertThat(changes).isEmpty();
        } else {
            String[] kind = change.split(":");
            assertThat(changes).containsExactly(new KeyEvents.KeyChange("tara", "passkey".equals(kind[0]),
                    Boolean.parseBoolean(kind[1])));
        }
    }
}
