package dev.portcullis.policy.audit;

import static dev.portcullis.policy.support.Api.admin;
import static dev.portcullis.policy.support.Api.as;
import static dev.portcullis.policy.support.Api.createService;
import static dev.portcullis.policy.support.Api.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.portcullis.policy.persistence.Database;
import dev.portcullis.policy.support.People;
import dev.portcullis.policy.support.Tables;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;

/** The hash chain on each database: concurrent writers, verification and tampering. */
public abstract class AuditChainContract {

    static final int THREADS = 8;
    static final int EVENTS_PER_THREAD = 200;

    @Inject
    AuditLog log;

    @Inject
    AuditVerifier verifier;

    @Inject
    Database database;

    @Inject
    AuditChainer chainer;

    @Test
    void concurrentWritersKeepTheChainIntactAndLoseNothing() throws Exception {
        String subject = uniqueName("load");
        long before = Tables.count(database, "SELECT COUNT(*) FROM audit_event");
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < EVENTS_PER_THREAD; i++) {
                        log.append(new AuditRecord(Instant.now(), "test:writer-" + thread, "test.concurrent",
                                subject, Outcome.SUCCESS, "127.0.0.1", Map.of("thread", thread, "n", i)));
                    }
                }));
            }
                for (Future<?> writer : writers) {
                writer.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(Tables.count(database, "SELECT COUNT(*) FROM audit_event WHERE subject = '" + subject + "'"))
                .isEqualTo(THREADS * EVENTS_PER_THREAD);
        assertThat(Tables.count(database, "SELECT COUNT(*) FROM audit_event")).isEqualTo(before + THREADS * EVENTS_PER_THREAD);
        // ids are dense: no gap from the first kept event to the last
        assertThat(Tables.count(database, "SELECT COUNT(DISTINCT id) FROM audit_event"))
                .isEqualTo(Tables.count(database, "SELECT MAX(id) - MIN(id) + 1 FROM audit_event"));
        admin().get("/api/v1/audit/verify").then().statusCode(200)
                .body("valid", equalTo(true));
        assertThat(verifier.verify(Optional.empty(), Optional.empty()).checked())
                .isEqualTo(Tables.count(database, "SELECT COUNT(*) FROM audit_event"));
    }

    @Test
    void anEditedEventIsCaughtAndNamed() {
        long id = appendOne();
        Object[] original = Tables.rows(database, "SELECT outcome FROM audit_event WHERE id = " + id).get(0);
        Tables.update(database, "UPDATE audit_event SET outcome = 'failure' WHERE id = ?", id);
        try {
            admin().get("/api/v1/audit/verify").then().statusCode(200)
                    .body("valid", equalTo(false))
                    .body("firstBrokenId", equalTo((int) id))
                    .body("reason", containsString("modified"));
        } finally {
            Tables.update(database, "UPDATE audit_event SET outcome = ? WHERE id = ?", original[0], id);
        }
        admin().get("/api/v1/audit/verify").then().body("valid", equalTo(true));
    }

    @Test
    void aDeletedEventIsCaught() {
        long id = appendOne();
        appendOne();
        String columns = "id, occurred_at, recorded_at, actor, event_type, subject, outcome, ip, details, prev_hash, hash,"
                + " chain_version";
        Tables.update(database, "CREATE TABLE audit_backup AS SELECT " + columns + " FROM audit_event WHERE id = ?", id);
        Tables.update(database, "DELETE FROM audit_event WHERE id = ?", id);
        try {
            admin().get("/api/v1/audit/verify").then().statusCode(200)
                    .body("valid", equalTo(false))
                    .body("firstBrokenId", equalTo((int) id))
                    .body("reason", containsString("missing"));
        } finally {
            Tables.update(database, "INSERT INTO audit_event (" + columns + ") SELECT " + columns + " FROM audit_backup");
            Tables.update(database, "DROP TABLE audit_backup");
        }
        admin().get("/api/v1/audit/verify").then().body("valid", equalTo(true));
    }

    @Test
    void anEventSlippedInAfterTheHeadIsCaught() {
        long id = appendOne();
        Tables.update(database, "INSERT INTO audit_event (id, occurred_at, recorded_at, actor, event_type, subject,"
                + " outcome, ip, details, prev_hash, hash, chain_version) SELECT id + 1, occurred_at, recorded_at,"
                + " actor, event_type, subject, outcome, ip, details, hash, hash, chain_version FROM audit_event"
                + " WHERE id = ?", id);
        try {
            // asked by a person: each use of the bootstrap token is audited, and the chainer could not
            // link that event while the slipped-in row holds its id
            People.as(People.auditor()).get("/api/v1/audit/verify").then().statusCode(200)
                    .body("valid", equalTo(false))
                    .body("firstBrokenId", equalTo((int) id + 1));
        } finally {
            Tables.update(database, "DELETE FROM audit_event WHERE id = ?", id + 1);
        }
    }

    @Test
    void reportedEventsJoinTheChainAllOrNothing() {
        String key = createService(uniqueName("idp"), "events");
        String subject = uniqueName("erin");
        List<Map<String, Object>> batch = List.of(
                Map.of("time", "2026-11-24T10:00:00Z", "type", "LOGIN", "subject", subject, "outcome", "success",
                        "ip", "192.0.2.1", "details", Map.of("client", "vpn", "名前", "山田")),
                Map.of("time", "2026-11-24T10:00:01Z", "type", "LOGIN_ERROR", "subject", subject,
                        "outcome", "maybe"));
        as(key).body(batch).post("/api/v1/events").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("[1].outcome"));
        assertThat(Tables.count(database, "SELECT COUNT(*) FROM audit_event WHERE subject = '" + subject + "'"))
                .isZero();

        as(key).body(batch.subList(0, 1)).post("/api/v1/events").then().statusCode(200);
        List<Object[]> stored = Tables.rows(database,
                "SELECT actor, event_type, details FROM audit_event WHERE subject = '" + subject + "'");
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0)[0].toString()).startsWith("service:idp-");
        assertThat(stored.get(0)[2].toString()).contains("山田");
        admin().get("/api/v1/audit/verify").then().body("valid", equalTo(true));
    }

    @Test
    void purgingOldEventsKeepsTheRestVerifiableThroughASignedCheckpoint() {
        long anchor = anAnchor();
        appendOne();
        long through = appendOne();
        long kept = appendOne();
        Tables.update(database, "UPDATE audit_event SET recorded_at = ? WHERE id <= ?",
                Instant.now().minus(java.time.Duration.ofDays(400)), through);
        admin().post("/api/v1/audit/purge?olderThanDays=365").then().statusCode(200)
                .body("throughId", equalTo((int) through));
        assertThat(Tables.count(database, "SELECT COUNT(*) FROM audit_event WHERE id <= " + through)).isZero();
        assertThat(Tables.count(database, "SELECT COUNT(*) FROM audit_event WHERE id = " + kept)).isEqualTo(1);
        assertThat(anchor).isLessThan(through);
        assertThat(Tables.count(database, "SELECT COUNT(*) FROM audit_anchor WHERE through_id <= " + through)).isZero();
        admin().get("/api/v1/audit/verify").then().statusCode(200).body("valid", equalTo(true));
        // a range now starts from the checkpoint
        assertThat(verifier.verify(Optional.of(recordedAt(kept)), Optional.empty()).valid()).isTrue();
        assertThat(Tables.rows(database, "SELECT event_type FROM audit_event WHERE event_type = 'audit.purged'"))
                .isNotEmpty();

        Object[] original = Tables.rows(database, "SELECT hash FROM audit_checkpoint WHERE through_id = " + through)
                .get(0);
        Tables.update(database, "UPDATE audit_checkpoint SET hash = ? WHERE through_id = ?", "f".repeat(64), through);
        try {
            admin().get("/api/v1/audit/verify").then().body("valid", equalTo(false))
                    .body("firstBrokenId", equalTo((int) through));
        } finally {
            Tables.update(database, "UPDATE audit_checkpoint SET hash = ? WHERE through_id = ?", original[0], through);
        }
        admin().get("/api/v1/audit/verify").then().body("valid", equalTo(true));
        admin().post("/api/v1/audit/purge?olderThanDays=0").then().statusCode(400)
                .body("errors[0].field", equalTo("olderThanDays"));
        admin().post("/api/v1/audit/purge").then().statusCode(400);
    }

    /** A stolen admin session must not be able to erase the recent trail of what it did. */
    @Test
    void aPurgeKeepsAtLeastTheMinimumRetention() {
        long recent = appendOne();
        Object recordedAt = Tables.rows(database, "SELECT recorded_at FROM audit_event WHERE id = " + recent).get(0)[0];
        Tables.update(database, "UPDATE audit_event SET recorded_at = ? WHERE id = ?",
                Instant.now().minus(java.time.Duration.ofDays(30)), recent);
        try {
            for (String days : List.of("1", "30", "89")) {
                admin().post("/api/v1/audit/purge?olderThanDays=" + days).then().statusCode(400)
                        .contentType("application/problem+json")
                        .body("detail", containsString("keeps at least 90 days"));
            }
            assertThat(Tables.count(database, "SELECT COUNT(*) FROM audit_event WHERE id = " + recent)).isEqualTo(1);
            admin().post("/api/v1/audit/purge?olderThanDays=90").then().statusCode(200);
            assertThat(Tables.count(database, "SELECT COUNT(*) FROM audit_event WHERE id = " + recent)).isEqualTo(1);
        } finally {
            // changed on purpose: the recording time is hashed (chain version 2), so the kept event gets its own back
            Tables.update(database, "UPDATE audit_event SET recorded_at = ? WHERE id = ?", recordedAt, recent);
        }
        admin().get("/api/v1/audit/verify").then().body("valid", equalTo(true));
    }

    /** A range is walked from the latest anchor signed before it (to the head here): not the whole chain. */
    @Test
    void verifyingATimeRangeWalksFromTheAnchorBeforeIt() {
        long anchor = anAnchor();
        appendLater();
        Instant start = Instant.now();
        appendLater();
        long last = appendLater();
        var result = verifier.verify(Optional.of(start), Optional.empty());
        assertThat(result.valid()).isTrue();
        long latestBefore = QuarkusTransaction.requiringNew().call(() -> database.session().createQuery(
                "select max(a.throughId) from AuditAnchor a where a.createdAt < :start", Long.class)
                .setParameter("start", start).getSingleResult());
        assertThat(latestBefore).isGreaterThanOrEqualTo(anchor);
        assertThat(result.checked()).isEqualTo(last - latestBefore);
        // a range from before the chain began ends at the first anchor after it
        assertThat(verifier.verify(Optional.of(Instant.parse("2000-01-01T00:00:00Z")),
                Optional.of(Instant.parse("2000-01-02T00:00:00Z"))).checked())
                .isLessThanOrEqualTo(AuditChainer.ANCHOR_EVERY);
    }

    @Test
    void newEventsAreHashedWithChainVersionTwo() {
        long id = appendOne();
        QuarkusTransaction.requiringNew().run(() -> {
            AuditHead head = database.session().find(AuditHead.class, AuditHead.ROW);
            AuditEvent event = database.session().find(AuditEvent.class, id);
            assertThat(id).isGreaterThanOrEqualTo(head.v2From);
            assertThat(event.hash).isEqualTo(AuditChain.hash(AuditChain.V2, event.prevHash, event.link()))
                    .isNotEqualTo(AuditChain.hash(AuditChain.V1, event.prevHash, event.link()));
        });
    }

    @Test
    void aChangedRecordingTimeIsCaught() {
        long id = appendOne();
        VerifyResult result = tampered(session -> {
            AuditEvent event = session.find(AuditEvent.class, id);
            event.recordedAt = event.recordedAt.plusSeconds(1);
        }, () -> verifier.verify(Optional.empty(), Optional.empty()));
        assertThat(result.valid()).isFalse();
        assertThat(result.firstBrokenId()).isEqualTo(id);
        assertThat(result.reason()).contains("modified");
        admin().get("/api/v1/audit/verify").then().body("valid", equalTo(true));
    }

    /** A sender dates an event in 2020; it was recorded now, and a range of recording time finds it. */
    @Test
    void aBackdatedEventIsInTheRangeOfItsRecordingTime() {
        chainer.chainAll();
        Instant start = AuditChain.truncate(Instant.now());
        log.append(new AuditRecord(Instant.parse("2020-01-01T00:00:00Z"), "test", "test.backdated", uniqueName("old"),
                Outcome.SUCCESS, null, Map.of()));
        long backdated = Tables.count(database, "SELECT MAX(id) FROM audit_event");
        Instant end = Instant.now();
        VerifyResult found = verifier.verify(Optional.of(start), Optional.of(end));
        assertThat(found.valid()).isTrue();
        assertThat(found.checked()).isPositive();
        admin().queryParam("from", start.toString()).queryParam("to", end.toString()).get("/api/v1/audit/verify")
                .then().statusCode(200).body("valid", equalTo(true));
        // the time it gives does not pull it into 2020: that range ends at the first anchor of the kept chain
        assertThat(verifier.verify(Optional.of(Instant.parse("2020-01-01T00:00:00Z")),
                Optional.of(Instant.parse("2020-01-02T00:00:00Z"))).checked())
                .isLessThanOrEqualTo(AuditChainer.ANCHOR_EVERY);
        VerifyResult edited = tampered(session -> session.find(AuditEvent.class, backdated).outcome = "failure",
                () -> verifier.verify(Optional.of(start), Optional.of(end)));
        assertThat(edited.valid()).isFalse();
        assertThat(edited.firstBrokenId()).isEqualTo(backdated);
    }

    /**
     * Someone with the database alone edits an event, recomputes every hash after it and the head: each
     * link holds, but the signed anchor does not, and deleting the anchor does not help either.
     */
    @Test
    void aChainRewrittenOverASignedAnchorIsCaughtThere() {
        long anchor = anAnchor();
        appendLater();
        long last = appendLater();
        Instant lastRecorded = recordedAt(last);
        Consumer<Session> rewrite = session -> {
            long from = session.find(AuditEvent.class, anchor - 1) != null ? anchor - 1 : anchor;
            AuditEvent edited = session.find(AuditEvent.class, from);
            edited.outcome = "failure";
            relink(session, from, edited.prevHash);
        };
        VerifyResult full = tampered(rewrite, () -> verifier.verify(Optional.empty(), Optional.empty()));
        assertThat(full.valid()).isFalse();
        assertThat(full.firstBrokenId()).isEqualTo(anchor);
        assertThat(full.reason()).contains("rewritten").contains("signed anchor at event " + anchor);

        VerifyResult range = tampered(rewrite, () -> verifier.verify(Optional.of(lastRecorded), Optional.empty()));
        assertThat(range.valid()).isFalse();
        assertThat(range.firstBrokenId()).isEqualTo(anchor + 1);
        assertThat(range.reason()).contains("signed anchor at event " + anchor);

        VerifyResult withoutAnchor = tampered(rewrite.andThen(session -> session.remove(
                session.find(AuditAnchor.class, anchor))), () -> verifier.verify(Optional.empty(), Optional.empty()));
        assertThat(withoutAnchor.valid()).isFalse();
        assertThat(withoutAnchor.firstBrokenId()).isEqualTo(anchor);
        assertThat(withoutAnchor.reason()).contains("anchor at event " + anchor + " is missing");
        admin().get("/api/v1/audit/verify").then().body("valid", equalTo(true));
    }

    @Test
    void aForgedAnchorIsCaught() {
        long anchor = anAnchor();
        long after = appendLater();
        Instant afterRecorded = recordedAt(after);
        // the hash of a real anchor changed: its signature no longer fits
        Consumer<Session> changed = session -> session.find(AuditAnchor.class, anchor).hash = "f".repeat(64);
        VerifyResult full = tampered(changed, () -> verifier.verify(Optional.empty(), Optional.empty()));
        assertThat(full.valid()).isFalse();
        assertThat(full.firstBrokenId()).isEqualTo(anchor);
        assertThat(full.reason()).contains("anchor at event " + anchor + " has an invalid signature");
        // a range that would start from it refuses to
        VerifyResult range = tampered(changed, () -> verifier.verify(Optional.of(afterRecorded), Optional.empty()));
        assertThat(range.valid()).isFalse();
        assertThat(range.firstBrokenId()).isEqualTo(anchor);

        // an anchor made up for an event that has none: without the key, no signature fits
        VerifyResult madeUp = tampered(session -> {
            AuditAnchor forged = new AuditAnchor();
            forged.throughId = after;
            forged.hash = session.find(AuditEvent.class, after).hash;
            forged.createdAt = Instant.now();
            forged.signature = "0".repeat(64);
            session.persist(forged);
        }, () -> verifier.verify(Optional.empty(), Optional.empty()));
        assertThat(madeUp.valid()).isFalse();
        assertThat(madeUp.firstBrokenId()).isEqualTo(after);
        assertThat(madeUp.reason()).contains("invalid signature");
        admin().get("/api/v1/audit/verify").then().body("valid", equalTo(true));
    }

    /** A range verify used to start from the stored hash of the event before it; a changed one misled it. */
    @Test
    void aRangeVerifyDoesNotTrustTheStoredHashBeforeIt() {
        long before = appendOne();
        while (before % AuditChainer.ANCHOR_EVERY == 0) {
            before = appendOne(); // an anchor there would vouch for the event before the range: not this case
        }
        long inRange = appendLater();
        Instant from = recordedAt(inRange);
        long tampered = before;
        VerifyResult result = tampered(session -> {
            AuditEvent event = session.find(AuditEvent.class, tampered);
            event.hash = "ab".repeat(32);
            relink(session, tampered + 1, event.hash);
        }, () -> verifier.verify(Optional.of(from), Optional.empty()));
        assertThat(result.valid()).isFalse();
        assertThat(result.firstBrokenId()).isEqualTo(before);
        assertThat(result.reason()).contains("modified");
    }

    /**
     * Someone with the database but not the master key edits event X, then moves the recording time of
     * the events from the first one recorded at {@code from} up to the anchor A after it to before
     * {@code from}. A range whose first event were chosen by {@code recorded_at} would start at A, which
     * vouches for the chain up to it, and never recompute X; the anchors' signed times choose the start.
     */
    @Test
    void aRangeVerifyRecomputesTheEventsMovedBeforeItsStart() {
        long anchor = anAnchor();
        appendLater();
        Instant from = recordedAt(anchor); // the anchor's own (signed) time: the range starts with its batch
        long[] first = new long[1];
        VerifyResult result = tampered(session -> {
            first[0] = session.createQuery("select min(e.id) from AuditEvent e where e.recordedAt >= :from",
                    Long.class).setParameter("from", from).getSingleResult();
            session.createMutationQuery("update AuditEvent e set e.outcome = 'failure' where e.id = :x")
                    .setParameter("x", first[0]).executeUpdate();
            session.createMutationQuery("update AuditEvent e set e.recordedAt = :before"
                    + " where e.id >= :first and e.id <= :anchor")
                    .setParameter("before", from.minus(java.time.Duration.ofDays(1)))
                    .setParameter("first", first[0]).setParameter("anchor", anchor).executeUpdate();
        }, () -> verifier.verify(Optional.of(from), Optional.empty()));
        assertThat(first[0]).isLessThanOrEqualTo(anchor);
        assertThat(result.valid()).isFalse();
        assertThat(result.firstBrokenId()).isEqualTo(first[0]);
        assertThat(result.reason()).contains("modified");
        admin().get("/api/v1/audit/verify").then().body("valid", equalTo(true));
    }

    /** The same at the other end: events moved after {@code to} are walked up to the first anchor signed after it. */
    @Test
    void aRangeVerifyRecomputesTheEventsMovedAfterItsEnd() {
        chainer.chainAll();
        long inRange = appendLater();
        long edited = appendLater();
        Instant from = recordedAt(inRange);
        Instant to = recordedAt(edited);
        VerifyResult result = tampered(session -> {
            session.createMutationQuery("update AuditEvent e set e.outcome = 'failure' where e.id = :x")
                    .setParameter("x", edited).executeUpdate();
            session.createMutationQuery("update AuditEvent e set e.recordedAt = :after where e.id >= :x")
                    .setParameter("after", to.plus(java.time.Duration.ofDays(1))).setParameter("x", edited)
                    .executeUpdate();
        }, () -> verifier.verify(Optional.of(from), Optional.of(to)));
        assertThat(result.valid()).isFalse();
        assertThat(result.firstBrokenId()).isEqualTo(edited);
        assertThat(verifier.verify(Optional.of(from), Optional.of(to)).valid()).isTrue();
    }

    /** An anchor whose creation time was moved, to be chosen (or passed over) as a range's start, is caught. */
    @Test
    void anAnchorWithAMovedTimeIsCaught() {
        long anchor = anAnchor();
        long after = appendLater();
        Instant afterRecorded = recordedAt(after);
        VerifyResult range = tampered(session -> session.find(AuditAnchor.class, anchor).createdAt =
                Instant.parse("2001-01-01T00:00:00Z"), () -> verifier.verify(Optional.of(afterRecorded),
                Optional.empty()));
        assertThat(range.valid()).isFalse();
        assertThat(range.firstBrokenId()).isEqualTo(anchor);
        assertThat(range.reason()).contains("invalid signature");
        VerifyResult full = tampered(session -> session.find(AuditAnchor.class, anchor).createdAt =
                afterRecorded.plusSeconds(3600), () -> verifier.verify(Optional.empty(), Optional.empty()));
        assertThat(full.valid()).isFalse();
        assertThat(full.firstBrokenId()).isEqualTo(anchor);
    }

    /** Appends one event, chains it, and returns its id in the chain. */
    private long appendOne() {
        log.append(new AuditRecord(Instant.now(), "test", "test.single", "tamper", Outcome.SUCCESS, null, Map.of()));
        return Tables.count(database, "SELECT MAX(id) FROM audit_event");
    }

    /** Appends one event recorded at least a few milliseconds after everything before it. */
    private long appendLater() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return appendOne();
    }

    private Instant recordedAt(long id) {
        return QuarkusTransaction.requiringNew().call(() -> database.session().find(AuditEvent.class, id).recordedAt);
    }

    /**
     * The latest signed anchor of the kept chain; when there is none, events are appended up to the next
     * one (at most {@value AuditChainer#ANCHOR_EVERY}).
     */
    private long anAnchor() {
        chainer.chainAll();
        long latest = Tables.count(database, "SELECT COALESCE(MAX(through_id), 0) FROM audit_anchor WHERE through_id >"
                + " (SELECT COALESCE(MAX(through_id), 0) FROM audit_checkpoint)");
        if (latest > 0) {
            return latest;
        }
        long head = Tables.count(database, "SELECT last_id FROM audit_head");
        int missing = (int) (AuditChainer.ANCHOR_EVERY - head % AuditChainer.ANCHOR_EVERY);
        List<AuditRecord> records = new ArrayList<>();
        for (int i = 0; i < missing; i++) {
            records.add(new AuditRecord(Instant.now(), "test", "test.filler", "anchor", Outcome.SUCCESS, null,
                    Map.of("n", i)));
        }
        log.appendAll(records);
        chainer.chainAll();
        long anchor = head + missing;
        assertThat(Tables.count(database, "SELECT COUNT(*) FROM audit_anchor WHERE through_id = " + anchor)).isEqualTo(1);
        return anchor;
    }

    private <T> T tampered(Consumer<Session> tamper, Supplier<T> check) {
        return Tampering.rolledBack(database, chainer, tamper, check);
    }

    /** What a forger does: every event from {@code from} on linked again after {@code prev}, and the head moved. */
    private static void relink(Session session, long from, String prev) {
        AuditHead head = session.find(AuditHead.class, AuditHead.ROW);
        String hash = prev;
        for (AuditEvent event : session.createQuery("from AuditEvent e where e.id >= :from order by e.id",
                AuditEvent.class).setParameter("from", from).getResultList()) {
            event.prevHash = hash;
            event.hash = AuditChain.hashInChain(head.v2From, hash, event.link());
            hash = event.hash;
        }
        head.lastHash = hash;
    }
}
