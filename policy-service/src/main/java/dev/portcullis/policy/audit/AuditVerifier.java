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
    private final int pageSize;

    @Inject
    public AuditVerifier(Database database, PortcullisConfig config) {
        this.database = database;
        this.pageSize = config.audit().verifyPageSize();
    }

    @Transactional
    public VerifyResult verify(Optional<Instant> from, Optional<Instant> to) {
        Session session = database.session();
        AuditHead head = session.find(AuditHead.class, AuditHead.ROW);
        Long first = from.isEmpty() ? Long.valueOf(1) : session.createQuery(
                "select min(e.id) from AuditEvent e where e.occurredAt >= :from", Long.class)
                .setParameter("from", from.get()).getSingleResult();
        Long last = to.isEmpty() ? Long.valueOf(head.lastId) : session.createQuery(
                "select max(e.id) from AuditEvent e where e.occurredAt <= :to", Long.class)
                .setParameter("to", to.get()).getSingleResult();
        if (first == null || last == null || first > last) {
            return to.isEmpty() ? checkNothingAfterHead(session, head, 0) : VerifyResult.ok(0);
        }
        Walk walk = new Walk(first, anchor(session, first));
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

    private static String anchor(Session session, long first) {
        if (first == 1) {
            return AuditChain.GENESIS;
        }
        AuditEvent before = session.find(AuditEvent.class, first - 1);
        return before == null ? null : before.hash;
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
