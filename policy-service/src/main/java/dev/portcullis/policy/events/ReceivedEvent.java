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

    /** The detail that keeps the name an event gave when it cannot be told whom that name meant. */
    static final String UNATTRIBUTED = "subjectNotFound";

    /**
     * The same event about nobody: the name it gave (which another account has now, or a former name)
     * stays in its details when they have room.
     */
    public ReceivedEvent unattributed() {
        AuditRecord r = record;
        java.util.Map<String, Object> details = new java.util.LinkedHashMap<>(r.details() == null ? java.util.Map.of()
                : r.details());
        details.put(UNATTRIBUTED, r.subject());
        boolean fits = dev.portcullis.policy.audit.AuditChain.canonicalDetails(details).length()
                <= dev.portcullis.policy.audit.AuditLog.MAX_DETAILS_LENGTH;
        return new ReceivedEvent(id, new AuditRecord(r.time(), r.actor(), r.type(), null, r.outcome(), r.ip(),
                fits ? details : r.details()), subjectId, subjectCreated);
    }

    /** The same event about the person whose key is {@code subject}. */
    public ReceivedEvent about(String subject) {
        AuditRecord r = record;
        return new ReceivedEvent(id, new AuditRecord(r.time(), r.actor(), r.type(), subject, r.outcome(), r.ip(),
                r.details()), subjectId, subjectCreated);
    }
}
