package dev.portcullis.policy.audit;

import dev.portcullis.policy.config.PortcullisConfig;
import dev.portcullis.policy.persistence.Database;
import dev.portcullis.policy.problem.ApiProblem;
import dev.portcullis.policy.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.hibernate.Session;

/**
 * Purges events recorded more than N days ago, and the anchors among them. The hash of the last purged
 * event is kept in a signed checkpoint, from which the remaining chain verifies; the purge itself is
 * audited.
 */
@ApplicationScoped
public class AuditRetention {

    /** What a purge did. */
    public record Purged(long purged, Long throughId) {
    }

    private final Database database;
    private final CheckpointSigner signer;
    private final AuditLog audit;
    private final AuditChainer chainer;
    private final int minDays;

    @Inject
    public AuditRetention(Database database, CheckpointSigner signer, AuditLog audit, AuditChainer chainer,
            PortcullisConfig config) {
        this.database = database;
        this.signer = signer;
        this.audit = audit;
        this.chainer = chainer;
        this.minDays = Math.max(1, config.audit().minRetentionDays());
    }

    public Purged purgeOlderThan(int days, Caller caller) {
        if (days < minDays || days > 36_500) {
            throw ApiProblem.invalidField("olderThanDays", "must be a whole number of days from " + minDays
                    + " to 36500: the audit log keeps at least " + minDays + " days (PORTCULLIS_AUDIT_MIN_RETENTION_DAYS)");
        }
        chainer.chainAll();
        Purged purged = purge(Instant.now().minus(Duration.ofDays(days)));
        audit.append(AuditRecord.of(caller, AuditType.AUDIT_PURGED, null, Outcome.SUCCESS, purged.throughId() == null
                ? Map.of("olderThanDays", days, "purged", 0)
                : Map.of("olderThanDays", days, "purged", purged.purged(), "throughId", purged.throughId())));
        return purged;
    }

    @Transactional
    Purged purge(Instant cutoff) {
        Session session = database.session();
        session.find(AuditHead.class, AuditHead.ROW, LockModeType.PESSIMISTIC_WRITE);
        Long through = session.createQuery("select max(e.id) from AuditEvent e where e.recordedAt < :cutoff",
                Long.class).setParameter("cutoff", cutoff).getSingleResult();
        if (through == null) {
            return new Purged(0, null);
        }
        AuditEvent last = session.find(AuditEvent.class, through);
        int deleted = session.createMutationQuery("delete from AuditEvent e where e.id <= :through")
                .setParameter("through", through).executeUpdate();
        session.createMutationQuery("delete from AuditAnchor a where a.throughId <= :through")
                .setParameter("through", through).executeUpdate();
        AuditCheckpoint checkpoint = new AuditCheckpoint();
        checkpoint.throughId = through;
        checkpoint.hash = last.hash;
        checkpoint.purged = deleted;
        checkpoint.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        checkpoint.signature = signer.sign(through, last.hash);
        session.persist(checkpoint);
        return new Purged(deleted, through);
    }
}
