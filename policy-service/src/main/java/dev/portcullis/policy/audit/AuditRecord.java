package dev.portcullis.policy.audit;

import dev.portcullis.policy.security.Caller;
import java.time.Instant;
import java.util.Map;

/**
 * An event to append. {@code details} must never hold a password, secret, code or key: callers put
 * names and counts there, nothing a person typed as a credential.
 */
public record AuditRecord(Instant time, String actor, String type, String subject, Outcome outcome, String ip,
        Map<String, Object> details) {

    /** An event of Portcullis's own, from the catalogue. */
    public static AuditRecord of(Caller caller, AuditType type, String subject, Outcome outcome,
            Map<String, Object> details) {
        return new AuditRecord(Instant.now(), caller.actor(), type.id(), subject, outcome, caller.ip(), details);
    }
}
