package dev.portcullis.policy.audit;

import dev.portcullis.policy.config.PortcullisConfig;
import dev.portcullis.policy.persistence.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.Session;

/**
 * Walks the chain in id order, a page at a time (constant memory), and recomputes every hash, each
 * in its chain version ({@link AuditChain#version}, from the head's {@code v2_from}; an event whose
 * stored {@code chain_version} disagrees is reported). An edited event fails its own hash; a deleted
 * one leaves a gap in the ids or a broken link; an event added after the head, or a truncated tail,
 * disagrees with the head row. Every signed anchor the walk passes must carry the hash it recomputed
 * and a valid signature, and none may be missing from {@code v2_from} on: someone with the database
 * alone who edits an event and recomputes the hashes after it fails at the next anchor.
 *
 * <p>What it cannot show: an edit of the events after the latest anchor (their hashes recomputed), and
 * a rewrite of the whole chain by a database writer who also raises {@code v2_from} past the head, sets
 * every {@code chain_version} to 1 and deletes every anchor; nor anything done with the master key. Only
 * a copy kept outside the database (syslog, an export) shows those.
 *
 * <p>A range ({@code from}, {@code to}: recording times) is walked from the latest anchor whose signed
 * creation time is before {@code from} (else the signed purge checkpoint, else the genesis) to the first
 * anchor whose signed creation time is after {@code to} (else the head), never from a stored hash that
 * nothing vouches for, and never bounded by {@code recorded_at}, which a database writer can move: an
 * event moved out of the range that way is recomputed all the same. {@code checked} counts every event
 * recomputed, so it can exceed the events in the range.
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

    /**
     * Where a walk starts: after event {@code id}, whose hash is {@code hash}, vouched for by {@code what};
     * or nowhere, {@code refused} saying why.
     */
    private record Start(long id, String hash, String what, VerifyResult refused) {

        static Start at(long id, String hash, String what) {
            return new Start(id, hash, what, null);
        }

        static Start refused(long id, String reason) {
            return new Start(id, null, null, VerifyResult.broken(0, id, reason));
        }
    }

    @Transactional
    public VerifyResult verify(Optional<Instant> from, Optional<Instant> to) {
        Session session = database.session();
        AuditHead head = session.find(AuditHead.class, AuditHead.ROW);
        Long checkpoint = session.createQuery("select max(c.throughId) from AuditCheckpoint c", Long.class)
                .getSingleResult();
        Start start = from.isEmpty() ? floor(session, checkpoint) : start(session, from.get(), checkpoint, head);
        if (start.refused() != null) {
            return start.refused();
        }
        long last = to.isEmpty() ? head.lastId : end(session, to.get(), start.id(), head);
        Walk walk = new Walk(start, head.v2From, signer);
        while (walk.nextId <= last && walk.broken == null) {
            List<AuditEvent> page = session.createQuery(
                    "from AuditEvent e where e.id >= :next and e.id <= :last order by e.id", AuditEvent.class)
                    .setParameter("next", walk.nextId).setParameter("last", last)
                    .setMaxResults(pageSize).getResultList();
            if (page.isEmpty()) {
                return VerifyResult.broken(walk.checked, walk.nextId, "event " + walk.nextId + " is missing");
            }
            Map<Long, AuditAnchor> anchors = session.createQuery(
                    "from AuditAnchor a where a.throughId >= :low and a.throughId <= :high", AuditAnchor.class)
                    .setParameter("low", page.get(0).id).setParameter("high", page.get(page.size() - 1).id)
                    .getResultStream().collect(Collectors.toMap(a -> a.throughId, Function.identity()));
            page.forEach(event -> walk.check(event, anchors.get(event.id)));
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

    /**
     * Where a range from {@code from} starts: the latest anchor of the kept chain created before it (its
     * signature is checked here: one that does not verify is reported, never skipped), else the
     * {@link #floor}. Chosen by the anchor's signed time, never by the events' {@code recorded_at}.
     */
    private Start start(Session session, Instant from, Long checkpoint, AuditHead head) {
        AuditAnchor anchor = session.createQuery("from AuditAnchor a where a.createdAt < :from"
                + " and a.throughId > :floor and a.throughId <= :last order by a.throughId desc", AuditAnchor.class)
                .setParameter("from", from).setParameter("floor", checkpoint == null ? 0 : checkpoint)
                .setParameter("last", head.lastId).setMaxResults(1).getResultStream().findFirst().orElse(null);
        if (anchor == null) {
            return floor(session, checkpoint);
        }
        return signer.verify(anchor)
                ? Start.at(anchor.throughId, anchor.hash, "the signed anchor at event " + anchor.throughId)
                : Start.refused(anchor.throughId, "the anchor at event " + anchor.throughId
                        + " has an invalid signature");
    }

    /** The start of the kept chain: the signed purge checkpoint, else the genesis. */
    private Start floor(Session session, Long checkpoint) {
        if (checkpoint == null) {
            return Start.at(0, AuditChain.GENESIS, "the start of the chain");
        }
        AuditCheckpoint signed = session.find(AuditCheckpoint.class, checkpoint);
        return signer.verify(signed)
                ? Start.at(checkpoint, signed.hash, "the purge checkpoint at event " + checkpoint)
                : Start.refused(checkpoint, "the purge checkpoint at event " + checkpoint
                        + " has an invalid signature");
    }

    /**
     * Where a range to {@code to} ends: at the first anchor after {@code startId} created after it (the
     * walk checks its signature as it passes it), else at the head.
     */
    private static long end(Session session, Instant to, long startId, AuditHead head) {
        Long anchor = session.createQuery("select min(a.throughId) from AuditAnchor a where a.createdAt > :to"
                + " and a.throughId > :start and a.throughId <= :last", Long.class)
                .setParameter("to", to).setParameter("start", startId).setParameter("last", head.lastId)
                .getSingleResult();
        return anchor == null ? head.lastId : anchor;
    }

    /** Nothing may lie beyond the head: no event, and no anchor (which would tell of a truncated tail). */
    private static VerifyResult checkNothingAfterHead(Session session, AuditHead head, long checked) {
        Long after = session.createQuery("select min(e.id) from AuditEvent e where e.id > :last", Long.class)
                .setParameter("last", head.lastId).getSingleResult();
        if (after != null) {
            return VerifyResult.broken(checked, after, "event " + after + " was added outside the chain");
        }
        Long anchor = session.createQuery("select min(a.throughId) from AuditAnchor a where a.throughId > :last",
                Long.class).setParameter("last", head.lastId).getSingleResult();
        return anchor == null ? VerifyResult.ok(checked) : VerifyResult.broken(checked, anchor,
                "there is an anchor at event " + anchor + ", after the end of the chain: events were removed");
    }

    /** The state of one walk along the chain. */
    private static final class Walk {
        final Start start;
        final long v2From;
        final CheckpointSigner signer;
        long nextId;
        String expectedPrev;
        long checked;
        VerifyResult broken;

        Walk(Start start, long v2From, CheckpointSigner signer) {
            this.start = start;
            this.v2From = v2From;
            this.signer = signer;
            this.nextId = start.id() + 1;
            this.expectedPrev = start.hash();
        }

        void check(AuditEvent event, AuditAnchor anchor) {
            if (broken != null) {
                return;
            }
            long id = event.id;
            if (id != nextId) {
                broken = VerifyResult.broken(checked, nextId, "event " + nextId + " is missing");
            } else if (!event.prevHash.equals(expectedPrev)) {
                broken = VerifyResult.broken(checked, id, id == start.id() + 1
                        ? "event " + id + " does not link to " + start.what()
                        : "event " + id + " does not link to its predecessor");
            } else if (event.chainVersion != AuditChain.version(id, v2From)) {
                broken = VerifyResult.broken(checked, id, "event " + id + " is stored as chain version "
                        + event.chainVersion + ", where the chain has version " + AuditChain.version(id, v2From));
            } else if (!AuditChain.matches(v2From, expectedPrev, event.link(), event.hash)) {
                broken = VerifyResult.broken(checked, id, "event " + id + " was modified");
            } else if (anchor != null && !signer.verify(anchor)) {
                broken = VerifyResult.broken(checked, id, "the anchor at event " + id + " has an invalid signature");
            } else if (anchor != null && !anchor.hash.equals(event.hash)) {
                broken = VerifyResult.broken(checked, id, "the chain up to event " + id
                        + " was rewritten: its hash is not the one the signed anchor at event " + id + " holds");
            } else if (anchor == null && id % AuditChainer.ANCHOR_EVERY == 0 && id >= v2From) {
                broken = VerifyResult.broken(checked, id, "the signed anchor at event " + id + " is missing");
            } else {
                expectedPrev = event.hash;
                nextId++;
                checked++;
            }
        }
    }
}
