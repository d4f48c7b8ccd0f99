package dev.portcullis.policy.audit;

import dev.portcullis.policy.config.PortcullisConfig;
import dev.portcullis.policy.persistence.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;

/**
 * Walks the chain in id order, a page at a time (constant memory), and recomputes every hash. An
 * edited event fails its own hash; a deleted one leaves a gap in the ids or a broken link; an event
 * added after the head, or a truncated tail, disagrees with the head row.
 */
@ApplicationScoped
public class AuditVerifier {

    private final Database database;
    private final CheckpointSigner signer;
    private final int pageSize;

    @Inject
    public AuditVerifier(Database database, CheckpointSigner signer, PortcullisConfig config) {
        this.database = database;
        this.signer = signer;
        this.pageSize = config.audit().verifyPageSize();
    }

    @Transactional
    public VerifyResult verify(Optional<Instant> from, Optional<Instant> to) {
        Session session = database.session();
        AuditHead head = session.find(AuditHead.class, AuditHead.ROW);
        Long first = from.isEmpty() ? firstKept(session) : session.createQuery(
                "select min(e.id) from AuditEvent e where e.occurredAt >= :from", Long.class)
                .setParameter("from", from.get()).getSingleResult();
        Long last = to.isEmpty() ? Long.valueOf(head.lastId) : session.createQuery(
                "select max(e.id) from AuditEvent e where e.occurredAt <= :to", Long.class)
                .setParameter("to", to.get()).getSingleResult();
        if (first == null || last == null || first > last) {
            return to.isEmpty() ? checkNothingAfterHead(session, head, 0) : VerifyResult.ok(0);
        }
        Walk walk = new Walk(first, anchor(session, signer, first));
        if (walk.expectedPrev == null) {
            return VerifyResult.broken(0, first - 1, "event " + (first - 1) + " is missing");
        }
        while (walk.nextId <= last && walk.broken == null) {
            List<AuditEvent> page = session.createQuery(
                    "from AuditEvent e where e.id >= :next and e.id <= :last order by e.id", AuditEvent.class)
                    .setParameter("next", walk.nextId).setParameter("last", last)
                    .setMaxResults(pageSize).getResultList();
            if (page.isEmpty()) {
                return VerifyResult.broken(walk.checked, walk.nextId, "event " + walk.nextId + " is missing");
            }
            page.forEach(walk::check);
            session.clear();
        }
        if (walk.broken != null) {
            return walk.broken;
        }
        if (to.isEmpty()) {
            if (!head.lastHash.equals(walk.expectedPrev)) {
                return VerifyResult.broken(walk.checked, last, "the chain does not end where the head says");
            }
            return checkNothingAfterHead(session, head, walk.checked);
        }
        return VerifyResult.ok(walk.checked);
    }

    /** Where the kept chain starts: after the latest purge checkpoint, else at 1. */
    private static long firstKept(Session session) {
        Long through = session.createQuery("select max(c.throughId) from AuditCheckpoint c", Long.class)
                .getSingleResult();
        return through == null ? 1 : through + 1;
    }

    /** The hash the event before {@code first} must have: its own, or a valid checkpoint's. */
    private static String anchor(Session session, CheckpointSigner signer, long first) {
        if (first == 1) {
            return AuditChain.GENESIS;
        }
        AuditEvent before = session.find(AuditEvent.class, first - 1);
        if (before != null) {
            return before.hash;
        }
        AuditCheckpoint checkpoint = session.find(AuditCheckpoint.class, first - 1);
        return checkpoint != null && signer.verify(checkpoint) ? checkpoint.hash : null;
    }

    private static VerifyResult checkNothingAfterHead(Session session, AuditHead head, long checked) {
        Long after = session.createQuery("select min(e.id) from AuditEvent e where e.id > :last", Long.class)
                .setParameter("last", head.lastId).getSingleResult();
        return after == null ? VerifyResult.ok(checked)
                : VerifyResult.broken(checked, after, "event " + after + " was added outside the chain");
    }

    /** The state of one walk along the chain. */
    private static final class Walk {
        long nextId;
        String expectedPrev;
        long checked;
        VerifyResult broken;

        Walk(long nextId, String expectedPrev) {
            this.nextId = nextId;
            this.expectedPrev = expectedPrev;
        }

        void check(AuditEvent event) {
            if (broken != null) {
                return;
            }
            if (event.id != nextId) {
                broken = VerifyResult.broken(checked, nextId, "event " + nextId + " is missing");
            } else if (!event.prevHash.equals(expectedPrev)) {
                broken = VerifyResult.broken(checked, event.id, "event " + event.id + " does not link to its predecessor");
            } else if (!hashMatches(event)) {
                broken = VerifyResult.broken(checked, event.id, "event " + event.id + " was modified");
            } else {
                expectedPrev = event.hash;
                nextId++;
                checked++;
            }
        }

        private static boolean hashMatches(AuditEvent event) {
            try {
                return AuditChain.hash(event.prevHash, event.link()).equals(event.hash);
            } catch (IllegalArgumentException malformed) {
                return false;
            }
        }
    }
}
