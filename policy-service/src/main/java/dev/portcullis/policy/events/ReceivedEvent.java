package dev.portcullis.policy.events;

import dev.portcullis.policy.audit.AuditRecord;
import java.time.Instant;

/**
 * A valid reported event: the sender's id for it ({@code null}: none), the audit record it becomes, whom
 * the identity provider said it is about (null when it did not), and whether it may change the state of
 * the person it is recorded under or tell them ({@code acts}).
 */
public record ReceivedEvent(String id, AuditRecord record, String subjectId, Instant subjectCreated, boolean acts) {

    public ReceivedEvent(String id, AuditRecord record) {
        this(id, record, null, null, true);
    }

    public ReceivedEvent(String id, AuditRecord record, String subjectId, Instant subjectCreated) {
        this(id, record, subjectId, subjectCreated, true);
    }

    /** The detail that keeps the name an event gave when it cannot be told whom that name meant. */
    static final String UNATTRIBUTED = "subjectNotFound";

    /**
     * The same event about nobody: the name it gave (which another account has now, or a former name)
     * stays in its details when they have room.
     */
    public ReceivedEvent unattributed() {
        AuditRecord r = record;
        return new ReceivedEvent(id, new AuditRecord(r.time(), r.actor(), r.type(), null, r.outcome(), r.ip(),
                EventIntake.withDetail(r.details(), UNATTRIBUTED, r.subject())), subjectId, subjectCreated, false);
    }

    /**
     * The same event about the person whose key is {@code subject}; {@code acts}: it may change their
     * state (keys) and tell them, else it is for the audit log only.
     */
    public ReceivedEvent about(String subject, boolean acts) {
        AuditRecord r = record;
        return new ReceivedEvent(id, new AuditRecord(r.time(), r.actor(), r.type(), subject, r.outcome(), r.ip(),
                r.details()), subjectId, subjectCreated, acts);
    }
}
