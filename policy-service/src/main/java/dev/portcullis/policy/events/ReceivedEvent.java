package dev.portcullis.policy.events;

import dev.portcullis.policy.audit.AuditRecord;
import java.time.Instant;

/**
 * A valid reported event: the sender's id for it ({@code null}: none), the audit record it becomes, and
 * whom the identity provider said it is about (null when it did not).
 */
public record ReceivedEvent(String id, AuditRecord record, String subjectId, Instant subjectCreated) {

    public ReceivedEvent(String id, AuditRecord record) {
        this(id, record, null, null);
    }

    /** The same event about the person whose key is {@code subject}. */
    public ReceivedEvent about(String subject) {
        AuditRecord r = record;
        return new ReceivedEvent(id, new AuditRecord(r.time(), r.actor(), r.type(), subject, r.outcome(), r.ip(),
                r.details()), subjectId, subjectCreated);
    }
}
