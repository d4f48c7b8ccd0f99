package dev.portcullis.policy.notifications;

import dev.portcullis.policy.audit.AuditRecord;
import dev.portcullis.policy.audit.Outcome;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Pure: which events an identity provider reports say something its person must hear of. Keycloak
 * reports a key or passkey registered ({@code UPDATE_CREDENTIAL}, {@code credential_type}
 * {@code webauthn} or {@code webauthn-passwordless}), a credential removed ({@code REMOVE_CREDENTIAL}),
 * a password changed ({@code UPDATE_CREDENTIAL} of type {@code password}, or {@code UPDATE_PASSWORD}),
 * and its brute-force lockouts ({@code USER_DISABLED_BY_TEMPORARY_LOCKOUT} and
 * {@code USER_DISABLED_BY_PERMANENT_LOCKOUT}). Failed events, and events without a person, say nothing.
 */
public final class ReportedEvents {

    private ReportedEvents() {
    }

    /** The kind and the details of the message, if {@code record} calls for one. */
    public static Optional<Message> of(AuditRecord record) {
        if (record.subject() == null || record.outcome() != Outcome.SUCCESS) {
            return Optional.empty();
        }
        Map<String, Object> reported = record.details() == null ? Map.of() : record.details();
        Object credential = reported.get("credential_type");
        Map<String, Object> details = new LinkedHashMap<>();
        NotificationKind kind = switch (record.type()) {
            case "UPDATE_CREDENTIAL" -> "password".equals(credential) ? NotificationKind.PASSWORD_CHANGED
                    : method(credential, details) ? NotificationKind.FACTOR_BOUND : null;
            case "UPDATE_PASSWORD" -> NotificationKind.PASSWORD_CHANGED;
            case "REMOVE_CREDENTIAL" -> "password".equals(credential) ? null
                    : method(credential, details) ? NotificationKind.FACTOR_REMOVED : null;
            case "USER_DISABLED_BY_TEMPORARY_LOCKOUT", "USER_DISABLED_BY_PERMANENT_LOCKOUT" -> NotificationKind.LOCKOUT;
            default -> null;
        };
        if (kind == null) {
            return Optional.empty();
        }
        Object realm = reported.get("realm");
        return Optional.of(new Message(kind, realm instanceof String r ? r : null, details));
    }

    /** Names the factor in {@code details}: a key, a passkey or an authenticator app; false for anything else. */
    private static boolean method(Object credential, Map<String, Object> details) {
        String method = switch (String.valueOf(credential)) {
            case "webauthn" -> "security-key";
            case "webauthn-passwordless" -> "passkey";
            case "otp" -> "authenticator-app";
            default -> null;
        };
        if (method != null) {
            details.put("method", method);
        }
        return method != null;
    }

    /** What to tell the person, and in which realm they live (when the event says). */
    public record Message(NotificationKind kind, String realm, Map<String, Object> details) {
    }
}
