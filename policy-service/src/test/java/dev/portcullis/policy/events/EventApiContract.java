package dev.portcullis.policy.events;

import static dev.portcullis.policy.support.Api.admin;
import static dev.portcullis.policy.support.Api.as;
import static dev.portcullis.policy.support.Api.createService;
import static dev.portcullis.policy.support.Api.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import dev.portcullis.policy.audit.AuditRecord;
import dev.portcullis.policy.audit.Outcome;
import dev.portcullis.policy.persistence.Database;
import dev.portcullis.policy.problem.ApiProblem;
import dev.portcullis.policy.support.Tables;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Reported events with ids, on each database: each (service, id) is recorded once, however often it is sent. */
public abstract class EventApiContract {

    @Inject
    Database database;

    @Inject
    EventRecorder recorder;

    @Inject
    EventReceipts receipts;

    @Test
    void theSameBatchSentTwiceIsRecordedOnce() {
        String key = createService(uniqueName("idp"), "events");
        String subject = uniqueName("kim");
        List<Map<String, Object>> batch = List.of(event("kc-1", "LOGIN", subject), event("kc-2", "LOGOUT", subject),
                event(null, "LOGIN_ERROR", subject));
        as(key).body(batch).post("/api/v1/events").then().statusCode(200)
                .body("accepted", equalTo(3)).body("duplicates", equalTo(0));
        as(key).body(batch).post("/api/v1/events").then().statusCode(200)
                .body("accepted", equalTo(1)).body("duplicates", equalTo(2));
        // an event without an id is recorded each time, as before ids existed
        assertThat(types(subject)).containsExactly("LOGIN", "LOGOUT", "LOGIN_ERROR", "LOGIN_ERROR");
        assertThat(Tables.rows(database, "SELECT details FROM audit_event WHERE subject = '" + subject
                + "' AND event_type = 'LOGIN'").get(0)[0].toString()).contains("\"eventId\":\"kc-1\"");
    }

    @Test
    void anIdRepeatedInOneBatchIsRecordedOnce() {
        String key = createService(uniqueName("idp"), "events");
        String subject = uniqueName("kim");
        as(key).body(List.of(event("x", "LOGIN", subject), event("x", "LOGOUT", subject), event("y", "LOGIN", subject)))
                .post("/api/v1/events").then().statusCode(200)
                .body("accepted", equalTo(2)).body("duplicates", equalTo(1));
        assertThat(types(subject)).containsExactly("LOGIN", "LOGIN");
    }

    /** Ids are each service's own; and a service is its name, so a rotated key still knows what it sent. */
    @Test
    void theSameIdFromTwoServicesIsTwoEventsAndSurvivesAKeyRotation() {
        String vpnName = uniqueName("vpn");
        String vpn = createService(vpnName, "events");
        String wiki = createService(uniqueName("wiki"), "events");
        String subject = uniqueName("kim");
        as(vpn).body(List.of(event("42", "LOGIN", subject))).post("/api/v1/events").then().statusCode(200)
                .body("accepted", equalTo(1));
        as(wiki).body(List.of(event("42", "LOGIN", subject))).post("/api/v1/events").then().statusCode(200)
                .body("accepted", equalTo(1)).body("duplicates", equalTo(0));
        assertThat(types(subject)).hasSize(2);
        String rotated = admin().post("/api/v1/admin/services/" + vpnName + "/rotate-key").then().statusCode(200)
                .extract().path("apiKey");
        as(rotated).body(List.of(event("42", "LOGIN", subject))).post("/api/v1/events").then().statusCode(200)
                .body("accepted", equalTo(0)).body("duplicates", equalTo(1));
        assertThat(types(subject)).hasSize(2);
    }

    /** A duplicate is not acted on: a key registration sent again after its removal does not bring it back. */
    @Test
    void aDuplicateIsNotActedOn() {
        String keycloak = createService(uniqueName("kc"), "mfa", "events", "idp");
        String lee = uniqueName("lee");
        List<Map<String, Object>> registered = List.of(credential("reg-1", "UPDATE_CREDENTIAL", lee));
        as(keycloak).body(registered).post("/api/v1/events").then().statusCode(200).body("accepted", equalTo(1));
        admin().get("/api/v1/admin/subjects/" + lee + "/mfa").then().body("enrolledMethods", equalTo(List.of("webauthn")));
        as(keycloak).body(List.of(credential("rem-1", "REMOVE_CREDENTIAL", lee))).post("/api/v1/events").then()
                .statusCode(200).body("accepted", equalTo(1));
        admin().get("/api/v1/admin/subjects/" + lee + "/mfa").then().body("enrolledMethods", equalTo(List.of()));
        as(keycloak).body(registered).post("/api/v1/events").then().statusCode(200)
                .body("accepted", equalTo(0)).body("duplicates", equalTo(1));
        admin().get("/api/v1/admin/subjects/" + lee + "/mfa").then().body("enrolledMethods", equalTo(List.of()));
    }

    @Test
    void aBadIdIsAProblemNamingIt() {
        String key = createService(uniqueName("idp"), "events");
        String subject = uniqueName("kim");
        as(key).body(List.of(event("ok", "LOGIN", subject), event("not ok", "LOGIN", subject)))
                .post("/api/v1/events").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("[1].id"));
        Map<String, Object> numeric = new HashMap<>(event(null, "LOGIN", subject));
        numeric.put("id", 42);
        as(key).body(List.of(numeric)).post("/api/v1/events").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("[0].id"));
        assertThat(types(subject)).isEmpty();
    }

    /**
     * The loser of a race for the same id: its receipt waits for the winner's transaction, then finds the
     * key taken. That is a 409 (retry), and its events are not recorded.
     */
    @Test
    void aRequestThatLosesTheRaceForAnIdIsAConflictAndRecordsNothing() throws Exception {
        String source = "service:" + uniqueName("race");
        String subject = uniqueName("kim");
        CountDownLatch held = new CountDownLatch(1);
        ExecutorService winner = Executors.newSingleThreadExecutor();
        try {
            Future<?> first = winner.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                receipts.add(source, List.of("same"));
                held.countDown();
                sleep(1500); // the loser reads no receipt, then waits on the winner's key
            }));
            assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
            ReceivedEvent event = new ReceivedEvent("same", new AuditRecord(Instant.now(), source, "LOGIN", subject,
                    Outcome.SUCCESS, null, Map.of()));
            assertThatThrownBy(() -> recorder.record(source, List.of(event), false, false))
                    .isInstanceOfSatisfying(ApiProblem.class,
                            problem -> assertThat(problem.toProblem().status()).isEqualTo(409));
            first.get(30, TimeUnit.SECONDS);
        } finally {
            winner.shutdownNow();
        }
        assertThat(types(subject)).isEmpty();
        ReceivedEvent again = new ReceivedEvent("same", new AuditRecord(Instant.now(), source, "LOGIN", subject,
                Outcome.SUCCESS, null, Map.of()));
        assertThat(recorder.record(source, List.of(again), false, false)).isEmpty();
    }

    /** Sent at the same moment, a few times over: one event recorded each time, and never a 5xx. */
    @Test
    void concurrentSendsOfTheSameIdRecordItOnce() throws Exception {
        String key = createService(uniqueName("idp"), "events");
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            for (int attempt = 0; attempt < 5; attempt++) {
                String subject = uniqueName("kim");
                List<Map<String, Object>> batch = List.of(event("same-" + attempt, "LOGIN", subject));
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Response>> sent = new ArrayList<>();
                for (int s = 0; s < 4; s++) {
                    sent.add(senders.submit(() -> {
                        go.await();
                        return as(key).body(batch).post("/api/v1/events");
                    }));
                }
                go.countDown();
                int accepted = 0;
                for (Future<Response> response : sent) {
                    Response answer = response.get(60, TimeUnit.SECONDS);
                    assertThat(answer.statusCode()).as(answer.asString()).isIn(200, 409);
                    if (answer.statusCode() == 409) {
                        assertThat(answer.contentType()).startsWith("application/problem+json");
                        // the sender retries, and finds its event recorded
                        as(key).body(batch).post("/api/v1/events").then().statusCode(200)
                                .body("accepted", equalTo(0)).body("duplicates", equalTo(1));
                    } else {
                        accepted += answer.jsonPath().getInt("accepted");
                    }
                }
                assertThat(accepted).isEqualTo(1);
                assertThat(types(subject)).containsExactly("LOGIN");
            }
        } finally {
            senders.shutdownNow();
        }
    }

    @Test
    void receiptsAreForgottenAfterTheirDays() {
        String keyName = uniqueName("idp");
        String key = createService(keyName, "events");
        String subject = uniqueName("kim");
        as(key).body(List.of(event("old", "LOGIN", subject), event("new", "LOGIN", subject)))
                .post("/api/v1/events").then().statusCode(200);
        Tables.update(database, "UPDATE event_receipt SET received_at = ? WHERE source = ? AND event_id = 'old'",
                Instant.now().minus(31, ChronoUnit.DAYS), "service:" + keyName);
        assertThat(receipts.purgeReceivedBefore(Instant.now().minus(30, ChronoUnit.DAYS))).isPositive();
        as(key).body(List.of(event("old", "LOGIN", subject), event("new", "LOGIN", subject)))
                .post("/api/v1/events").then().statusCode(200)
                .body("accepted", equalTo(1)).body("duplicates", equalTo(1));
        assertThat(types(subject)).hasSize(3);
    }

    /**
     * A NUL in a subject or an address is a 400 naming it, before anything is stored: PostgreSQL cannot
     * store one, and a 500 would have the sender retry the batch for ever. In the details, JSON escapes it.
     */
    @Test
    void aControlCharacterInASubjectOrAnAddressIsAProblemNamingItAndStoresNothing() {
        String name = uniqueName("idp");
        String key = createService(name, "events");
        String subject = uniqueName("kim");
        Map<String, Object> nul = new HashMap<>(event("nul-1", "LOGIN", subject));
        nul.put("subject", subject + "\u0000x");
        as(key).body(List.of(event("ok-1", "LOGIN", subject), nul)).post("/api/v1/events").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("[1].subject"));
        Map<String, Object> address = new HashMap<>(event("nul-2", "LOGIN", subject));
        address.put("ip", "192.0.2.1\u0000");
        as(key).body(List.of(address)).post("/api/v1/events").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("[0].ip"));
        Map<String, Object> c1 = new HashMap<>(event("c1", "LOGIN", subject));
        c1.put("subject", subject + "\u0085");
        as(key).body(List.of(c1)).post("/api/v1/events").then().statusCode(400)
                .body("errors[0].field", equalTo("[0].subject"));
        assertThat(types(subject)).isEmpty();
        assertThat(Tables.count(database, "SELECT COUNT(*) FROM event_receipt WHERE source = 'service:" + name + "'"))
                .isZero();
        // the batch, mended, goes through; a NUL in the details is stored escaped
        Map<String, Object> details = new HashMap<>(event("nul-1", "LOGIN", subject));
        details.put("details", Map.of("client\u0000", "account\u0000console\u0085"));
        as(key).body(List.of(event("ok-1", "LOGIN", subject), details)).post("/api/v1/events").then()
                .statusCode(200).body("accepted", equalTo(2));
        assertThat(Tables.rows(database, "SELECT details FROM audit_event WHERE subject = '" + subject
                + "' AND details LIKE '%eventId\":\"nul-1%'").get(0)[0].toString())
                .contains("account\\u0000console");
        admin().get("/api/v1/audit/verify").then().body("valid", equalTo(true));
    }

    /** An instant PostgreSQL cannot store (past the year 294276) is a 400 naming it, never a 500. */
    @Test
    void aTimeNoDatabaseStoresIsAProblemNamingIt() {
        String key = createService(uniqueName("idp"), "events");
        String subject = uniqueName("kim");
        for (String time : List.of("+294277-01-01T00:00:00Z", "-4714-01-01T00:00:00Z")) {
            Map<String, Object> far = new HashMap<>(event(null, "LOGIN", subject));
            far.put("time", time);
            as(key).body(List.of(far)).post("/api/v1/events").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("[0].time"));
        }
        Map<String, Object> last = new HashMap<>(event(null, "LOGIN", subject));
        last.put("time", "9999-12-31T23:59:59.999Z");
        as(key).body(List.of(last)).post("/api/v1/events").then().statusCode(200);
        assertThat(types(subject)).containsExactly("LOGIN");
    }

    /**
     * The key change an event reports commits with the event's receipt and audit record, or not at all:
     * when applying it fails, a retry of the batch records and applies it, rather than finding a duplicate.
     */
    @Test
    void aKeyChangeThatFailsIsAppliedWhenTheBatchIsSentAgain() {
        String keycloak = createService(uniqueName("kc"), "mfa", "events", "idp");
        String lee = uniqueName("lee");
        as(keycloak).body(List.of(credential("reg-1", "UPDATE_CREDENTIAL", lee))).post("/api/v1/events").then()
                .statusCode(200).body("accepted", equalTo(1));
        List<Map<String, Object>> removal = List.of(credential("rem-1", "REMOVE_CREDENTIAL", lee));
        // for now the database refuses to mark lee's factor removed
        String constraint = "refuse_" + lee.replaceAll("[^a-z0-9]", "_");
        Tables.update(database, "ALTER TABLE subject_state ADD CONSTRAINT " + constraint
                + " CHECK (subject <> '" + lee + "' OR factor_removed_at IS NULL)");
        try {
            Response failed = as(keycloak).body(removal).post("/api/v1/events");
            assertThat(failed.statusCode()).as(failed.asString()).isNotEqualTo(200);
        } finally {
            Tables.update(database, "ALTER TABLE subject_state DROP CONSTRAINT " + constraint);
        }
        assertThat(types(lee)).containsExactly("UPDATE_CREDENTIAL");
        admin().get("/api/v1/admin/subjects/" + lee + "/mfa").then().body("enrolledMethods", equalTo(List.of("webauthn")));
        as(keycloak).body(removal).post("/api/v1/events").then().statusCode(200)
                .body("accepted", equalTo(1)).body("duplicates", equalTo(0));
        assertThat(types(lee)).containsExactly("UPDATE_CREDENTIAL", "REMOVE_CREDENTIAL");
        admin().get("/api/v1/admin/subjects/" + lee + "/mfa").then().body("enrolledMethods", equalTo(List.of()));
        assertThat(Tables.count(database, "SELECT COUNT(*) FROM subject_state WHERE subject = '" + lee
                + "' AND factor_removed_at IS NOT NULL")).isEqualTo(1);
    }

    /** A person's first sighting can come with a key change: it commits with the batch too. */
    @Test
    void aKeyChangeOfSomeoneNeverSeenRecordsTheirFirstSighting() {
        String keycloak = createService(uniqueName("kc"), "mfa", "events", "idp");
        String ann = uniqueName("ann");
        String bob = uniqueName("bob");
        as(keycloak).body(List.of(credential("r-1", "UPDATE_CREDENTIAL", bob), credential("r-2", "UPDATE_CREDENTIAL",
                ann), credential("r-3", "REMOVE_CREDENTIAL", bob))).post("/api/v1/events").then().statusCode(200)
                .body("accepted", equalTo(3));
        admin().get("/api/v1/admin/subjects/" + ann + "/mfa").then().body("enrolledMethods", equalTo(List.of("webauthn")));
        admin().get("/api/v1/admin/subjects/" + bob + "/mfa").then().body("enrolledMethods", equalTo(List.of()));
        assertThat(Tables.count(database, "SELECT COUNT(*) FROM subject_state WHERE subject = '" + bob
                + "' AND factor_removed_at IS NOT NULL AND bound_at IS NOT NULL")).isEqualTo(1);
    }

    /** The Keycloak forwarder sends at most 200 events and 2 notices of its own in a batch: never refused. */
    @Test
    void theForwardersLargestBatchIsAccepted() {
        String key = createService(uniqueName("kc"), "events");
        String subject = uniqueName("kim");
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 202; i++) {
            batch.add(event("e-" + i, "LOGIN", subject));
        }
        as(key).body(batch).post("/api/v1/events").then().statusCode(200).body("accepted", equalTo(202));
    }

    private List<String> types(String subject) {
        return Tables.rows(database, "SELECT event_type FROM audit_event WHERE subject = '" + subject + "' ORDER BY id")
                .stream().map(row -> row[0].toString()).toList();
    }

    private static Map<String, Object> event(String id, String type, String subject) {
        Map<String, Object> event = new HashMap<>(Map.of("time", Instant.now().toString(), "type", type,
                "subject", subject, "outcome", "success", "details", Map.of("client", "account-console")));
        if (id != null) {
            event.put("id", id);
        }
        return event;
    }

    private static Map<String, Object> credential(String id, String type, String subject) {
        return Map.of("id", id, "time", Instant.now().toString(), "type", type, "subject", subject,
                "outcome", "success", "details", Map.of("credential_type", "webauthn", "realm", "employees"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
