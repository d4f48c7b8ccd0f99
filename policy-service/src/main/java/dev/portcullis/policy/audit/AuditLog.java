package dev.portcullis.policy.audit;

import dev.portcullis.policy.persistence.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.hibernate.Session;

/**
 * Records audit events. An append joins the caller's transaction, so an action and its event commit
 * or roll back together; it writes to the outbox, which takes no global lock, and the
 * {@link AuditChainer} links the events into the hash chain moments later.
 */
@ApplicationScoped
public class AuditLog {

    /** Canonical details longer than this are refused: the column holds 8000 characters. */
    public static final int MAX_DETAILS_LENGTH = 4000;

    private final Database database;
    private final AuditChainer chainer;
    private final TransactionSynchronizationRegistry transactions;

    @Inject
    public AuditLog(Database database, AuditChainer chainer, TransactionSynchronizationRegistry transactions) {
        this.database = database;
        this.chainer = chainer;
        this.transactions = transactions;
    }

    @Transactional
    public void append(AuditRecord record) {
        appendAll(List.of(record));
    }

    /** Appends all or none, in order. */
    @Transactional
    public void appendAll(List<AuditRecord> records) {
        Session session = database.session();
        for (AuditRecord record : records) {
            session.persist(toEntry(record));
        }
        // once committed: the chainer would not see the events before, and would lock the head for nothing
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    chainer.nudge();
                }
            }
        });
    }

    private static AuditOutboxEntry toEntry(AuditRecord record) {
        String details = AuditChain.canonicalDetails(record.details());
        if (details.length() > MAX_DETAILS_LENGTH) {
            throw new IllegalArgumentException("audit details exceed " + MAX_DETAILS_LENGTH + " characters");
        }
        AuditOutboxEntry entry = new AuditOutboxEntry();
        entry.occurredAt = AuditChain.truncate(record.time() == null ? Instant.now() : record.time());
        entry.actor = record.actor();
        entry.type = record.type();
        entry.subject = record.subject();
        entry.outcome = record.outcome().id();
        entry.ip = record.ip();
        entry.details = details;
        return entry;
    }
}
