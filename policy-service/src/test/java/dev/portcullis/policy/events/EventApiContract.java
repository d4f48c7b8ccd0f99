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
        String keycloak = createService(uniqueName("kc"), "mfa", "events");
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
            assertThatThrownBy(() -> recorder.record(source, List.of(event), false))
                    .isInstanceOfSatisfying(ApiProblem.class,
                            problem -> assertThat(problem.toProblem().status()).isEqualTo(409));
            first.get(30, TimeUnit.SECONDS);
        } finally {
            winner.shutdownNow();
        }
        assertThat(types(subject)).isEmpty();
        ReceivedEvent again = new ReceivedEvent("same", new AuditRecord(Instant.now(), source, "LOGIN", subject,
                Outcome.SUCCESS, null, Map.of()));
        assertThat(recorder.record(source, List.of(again), false)).isEmpty();
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
