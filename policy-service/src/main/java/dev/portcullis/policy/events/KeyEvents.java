package dev.portcullis.policy.events;

import dev.portcullis.policy.audit.AuditRecord;
import dev.portcullis.policy.audit.Outcome;
import java.util.List;
import java.util.Optional;

/**
 * Pure: which reported events say that a person registered or removed a security key or passkey.
 * Keycloak reports {@code UPDATE_CREDENTIAL} and {@code REMOVE_CREDENTIAL}, with the credential's
 * type in {@code credential_type}: {@code webauthn} (a security key as second factor) or
 * {@code webauthn-passwordless} (a passkey). Failures and other credential types change nothing.
 */
public final class KeyEvents {

    static final String REGISTERED = "UPDATE_CREDENTIAL";
    static final String REMOVED = "REMOVE_CREDENTIAL";
    static final String SECURITY_KEY = "webauthn";
    static final String PASSKEY = "webauthn-passwordless";

    /** A key or passkey that {@code subject} now has ({@code present}) or no longer has. */
    public record KeyChange(String subject, boolean passkey, boolean present) {
    }

    private KeyEvents() {
    }

    public static List<KeyChange> of(List<AuditRecord> records) {
        return records.stream().map(KeyEvents::of).flatMap(Optional::stream).toList();
    }

    static Optional<KeyChange> of(AuditRecord record) {
        if (record.subject() == null || record.outcome() != Outcome.SUCCESS || record.details() == null) {
            return Optional.empty();
        }
        boolean registered = REGISTERED.equals(record.type());
        if (!registered && !REMOVED.equals(record.type())) {
            return Optional.empty();
        }
        Object type = record.details().get("credential_type");
        if (!SECURITY_KEY.equals(type) && !PASSKEY.equals(type)) {
            return Optional.empty();
        }
        return Optional.of(new KeyChange(record.subject(), PASSKEY.equals(type), registered));
    }
}
