package dev.portcullis.policy.audit;

import dev.portcullis.policy.persistence.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.hibernate.Session;

/**
 * Appends to the hash chain. Appenders serialise on the locked head row, so ids stay dense and the
 * chain stays linear across threads and across replicas sharing one database. An append joins the
 * caller's transaction: an admin action and its audit event commit or roll back together.
 */
@ApplicationScoped
public class AuditLog {

    /** Canonical details longer than this are refused: the column holds 8000 characters. */
    public static final int MAX_DETAILS_LENGTH = 4000;

    private final Database database;

    @Inject
    public AuditLog(Database database) {
        this.database = database;
    }

    @Transactional
    public long append(AuditRecord record) {
        return appendAll(List.of(record));
    }

    /** Appends all or none; returns the id of the last event written. */
    @Transactional
    public long appendAll(List<AuditRecord> records) {
        Session session = database.session();
        AuditHead head = session.find(AuditHead.class, AuditHead.ROW, LockModeType.PESSIMISTIC_WRITE);
        Instant now = AuditChain.truncate(Instant.now());
        for (AuditRecord record : records) {
            AuditEvent event = toEvent(record, head.lastId + 1, now);
            event.prevHash = head.lastHash;
            event.hash = AuditChain.hash(head.lastHash, event.link());
            session.persist(event);
            head.lastId = event.id;
            head.lastHash = event.hash;
        }
        return head.lastId;
    }

    private static AuditEvent toEvent(AuditRecord record, long id, Instant now) {
        String details = AuditChain.canonicalDetails(record.details());
        if (details.length() > MAX_DETAILS_LENGTH) {
            throw new IllegalArgumentException("audit details exceed " + MAX_DETAILS_LENGTH + " characters");
        }
        AuditEvent event = new AuditEvent();
        event.id = id;
        event.occurredAt = AuditChain.truncate(record.time() == null ? now : record.time());
        event.recordedAt = now;
        event.actor = record.actor();
        event.type = record.type();
        event.subject = record.subject();
        event.outcome = record.outcome().id();
        event.ip = record.ip();
        event.details = details;
        return event;
    }
}
