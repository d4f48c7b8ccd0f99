package dev.portcullis.policy.audit;

import static dev.portcullis.policy.support.Api.admin;
import static dev.portcullis.policy.support.Api.as;
import static dev.portcullis.policy.support.Api.createService;
import static dev.portcullis.policy.support.Api.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.portcullis.policy.persistence.Database;
import dev.portcullis.policy.support.Tables;
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
        String columns = "id, occurred_at, recorded_at, actor, event_type, subject, outcome, ip, details, prev_hash, hash";
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
                + " outcome, ip, details, prev_hash, hash) SELECT id + 1, occurred_at, recorded_at, actor, event_type,"
                + " subject, outcome, ip, details, hash, hash FROM audit_event WHERE id = ?", id);
        try {
            admin().get("/api/v1/audit/verify").then().statusCode(200)
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
        appendOne();
        long through = appendOne();
        long kept = appendOne();
        Tables.update(database, "UPDATE audit_event SET recorded_at = ? WHERE id <= ?",
                Instant.now().minus(java.time.Duration.ofDays(400)), through);
        admin().post("/api/v1/audit/purge?olderThanDays=365").then().statusCode(200)
                .body("throughId", equalTo((int) through));
        assertThat(Tables.count(database, "SELECT COUNT(*) FROM audit_event WHERE id <= " + through)).isZero();
        assertThat(Tables.count(database, "SELECT COUNT(*) FROM audit_event WHERE id = " + kept)).isEqualTo(1);
        admin().get("/api/v1/audit/verify").then().statusCode(200).body("valid", equalTo(true));
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
        Tables.update(database, "UPDATE audit_event SET recorded_at = ? WHERE id = ?",
                Instant.now().minus(java.time.Duration.ofDays(30)), recent);
        for (String days : List.of("1", "30", "89")) {
            admin().post("/api/v1/audit/purge?olderThanDays=" + days).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", containsString("keeps at least 90 days"));
        }
        assertThat(Tables.count(database, "SELECT COUNT(*) FROM audit_event WHERE id = " + recent)).isEqualTo(1);
        admin().post("/api/v1/audit/purge?olderThanDays=90").then().statusCode(200);
        assertThat(Tables.count(database, "SELECT COUNT(*) FROM audit_event WHERE id = " + recent)).isEqualTo(1);
    }

    @Test
    void verifyingATimeRangeChecksOnlyThatRange() {
        Instant start = Instant.now();
        chainer.chainAll();
        appendOne();
        appendOne();
        var result = verifier.verify(Optional.of(start.minusMillis(1)), Optional.empty());
        assertThat(result.valid()).isTrue();
        assertThat(result.checked()).isGreaterThanOrEqualTo(2);
        assertThat(verifier.verify(Optional.of(Instant.parse("2000-01-01T00:00:00Z")),
                Optional.of(Instant.parse("2000-01-02T00:00:00Z"))).checked()).isZero();
    }

    /** Appends one event, chains it, and returns its id in the chain. */
    private long appendOne() {
        log.append(new AuditRecord(Instant.now(), "test", "test.single", "tamper", Outcome.SUCCESS, null, Map.of()));
        return Tables.count(database, "SELECT MAX(id) FROM audit_event");
    }
}
