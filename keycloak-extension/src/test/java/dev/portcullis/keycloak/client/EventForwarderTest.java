package dev.portcullis.keycloak.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The forwarder against a sink that refuses what the events API refuses: a batch with one poisoned
 * event is refused whole, as the API does. The good events must all arrive, and the poisoned one
 * must be counted with its reason.
 */
class EventForwarderTest {

    /** Written by the forwarder's thread while the test reads it: a copy-on-write list iterates safely. */
    final List<Map<String, Object>> stored = new java.util.concurrent.CopyOnWriteArrayList<>();
    final MemoryBacklog backlog = new MemoryBacklog();

    /** What the listener does: the events are journaled, and the forwarder told. */
    void offer(EventForwarder forwarder, List<Map<String, Object>> events) {
        backlog.append(events);
        forwarder.nudge();
    }

    static Map<String, Object> event(String type, int n) {
        return Map.of("time", "2026-12-01T10:00:00Z", "type", type, "subject", "p" + n, "outcome", "failure",
                "details", Map.of("n", n));
    }

    void awaitStored(EventForwarder forwarder, long count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (stored.stream().filter(e -> !String.valueOf(e.get("type")).startsWith("KEYCLOAK_EVENTS")).count() < count
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300);
    }

    /** What the notices in the audit log say was set aside for {@code reason}. */
    long counted(String reason) {
        long count = 0;
        for (Map<String, Object> event : List.copyOf(stored)) {
            if ("KEYCLOAK_EVENTS_SET_ASIDE".equals(event.get("type"))) {
                Object reasons = ((Map<?, ?>) event.get("details")).get("reasons");
                Object n = ((Map<?, ?>) reasons).get(reason);
                count += n == null ? 0 : ((Number) n).longValue();
            }
        }
        return count;
    }

    @Test
    void aRefusedEventIsIsolatedAndCountedAndTheRestOfItsBatchArrives() throws Exception {
        EventForwarder.Sink api = batch -> {
            if (batch.stream().anyMatch(e -> "POISON".equals(e.get("type")))) {
                throw new PolicyServiceRejection(400, "Field '[3].subject' is longer than 255 characters.");
            }
            stored.addAll(batch);
        };
        try (EventForwarder forwarder = new EventForwarder(api, backlog, 100_000)) {
            List<Map<String, Object>> events = new ArrayList<>();
            for (int i = 0; i < 90; i++) {
                events.add(event("LOGIN_ERROR", i));
                if (i % 30 == 7) {
                    events.add(event("POISON", i));
                }
            }
            offer(forwarder, events);
            awaitStored(forwarder, 90);
            offer(forwarder, List.of(event("LOGIN", 1000)));
            awaitStored(forwarder, 91);
            assertThat(stored.stream().filter(e -> "LOGIN_ERROR".equals(e.get("type")))).hasSize(90);
            assertThat(forwarder.setAside()).isEqualTo(3);
            assertThat(counted("refused 400")).isEqualTo(3);
        }
    }

    /**
     * An outage, then the service up but its database down (500), then Keycloak's key being rotated
     * (401, 403), then a throttle (429): each is retried like an outage, and nothing is set aside.
     */
    @Test
    void everyRecoverableAnswerIsRetriedAndNothingIsLost() throws Exception {
        java.util.Deque<RuntimeException> answers = new java.util.concurrent.ConcurrentLinkedDeque<>(List.of(
                new PolicyServiceException("the policy service did not answer in time"),
                new PolicyServiceException(500, "the policy service failed: 500"),
                new PolicyServiceException(503, "the policy service failed: 503"),
                new PolicyServiceRejection(401, "unknown key"),
                new PolicyServiceRejection(403, "missing scope events"),
                new PolicyServiceRejection(429, "slow down", 1)));
        EventForwarder.Sink api = batch -> {
            RuntimeException next = answers.poll();
            if (next != null) {
                throw next;
            }
            stored.addAll(batch);
        };
        try (EventForwarder forwarder = new EventForwarder(api, backlog, 100_000)) {
            List<Map<String, Object>> events = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                events.add(event("LOGIN_ERROR", i));
            }
            offer(forwarder, events);
            awaitStored(forwarder, 20);
            assertThat(stored.stream().filter(e -> "LOGIN_ERROR".equals(e.get("type")))).hasSize(20);
            assertThat(forwarder.setAside()).isZero();
            assertThat(answers).isEmpty();
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} -> isolates {1}")
    @org.junit.jupiter.params.provider.CsvSource({"400, true", "413, true", "401, false", "403, false", "404, false",
        "409, false", "415, false", "422, false", "429, false", "500, false", "502, false", "503, false"})
    void onlyARefusalOfTheEventsThemselvesSetsOneAside(int status, boolean isolates) {
        assertThat(EventForwarder.isolates(status)).isEqualTo(isolates);
    }

    /** The count of what was set aside travels in the next batch, and stays until that batch is acknowledged. */
    @Test
    void theCountOfWhatWasSetAsideIsNotLostWithARefusedBatch() throws Exception {
        AtomicInteger failuresAfterPoison = new AtomicInteger(2);
        java.util.concurrent.atomic.AtomicBoolean poisoned = new java.util.concurrent.atomic.AtomicBoolean();
        EventForwarder.Sink api = batch -> {
            if (batch.stream().anyMatch(e -> "POISON".equals(e.get("type")))) {
                poisoned.set(true);
                throw new PolicyServiceRejection(400, "Field '[0].subject' is longer than 255 characters.");
            }
            if (poisoned.get() && failuresAfterPoison.getAndDecrement() > 0) {
                // the key being rotated just then: once, a batch like this lost the count it carried
                throw new PolicyServiceRejection(401, "unknown key");
            }
            stored.addAll(batch);
        };
        try (EventForwarder forwarder = new EventForwarder(api, backlog, 100_000)) {
            offer(forwarder, List.of(event("POISON", 0)));
            Thread.sleep(300);
            offer(forwarder, List.of(event("LOGIN", 1)));
            awaitStored(forwarder, 1);
            offer(forwarder, List.of(event("LOGIN", 2)));
            awaitStored(forwarder, 2);
            assertThat(counted("refused 400")).as("reported once, though its first batch failed").isEqualTo(1);
        }
    }

    @Test
    void theBacklogAndTheAgeOfItsOldestEventAreKnown() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
        EventForwarder.Sink api = batch -> {
            if (down.get()) {
                throw new PolicyServiceException("the policy service did not answer in time");
            }
            stored.addAll(batch);
        };
        try (EventForwarder forwarder = new EventForwarder(api, backlog, 100_000)) {
            backlog.append(List.of(Map.of("time", java.time.Instant.now().minusSeconds(600).toString(), "type", "LOGIN",
                    "subject", "p", "outcome", "success", "details", Map.of())), java.time.Instant.now().minusSeconds(600));
            Thread.sleep(300);
            assertThat(forwarder.pending()).isEqualTo(1);
            assertThat(forwarder.oldestWaiting()).isGreaterThanOrEqualTo(Duration.ofSeconds(599));
            down.set(false);
            awaitStored(forwarder, 1);
            assertThat(forwarder.pending()).isZero();
            assertThat(forwarder.oldestWaiting()).isZero();
        }
    }

    @Test
    void batchesStayUnderTheBodyLimit() throws Exception {
        List<Integer> sizes = new java.util.concurrent.CopyOnWriteArrayList<>();
        EventForwarder.Sink api = batch -> {
            sizes.add(batch.stream().mapToInt(EventBounds::bytes).sum() + batch.size() + 2);
            stored.addAll(batch);
        };
        try (EventForwarder forwarder = new EventForwarder(api, backlog, 100_000)) {
            List<Map<String, Object>> events = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                events.add(Map.of("time", "2026-12-01T10:00:00Z", "type", "LOGIN_ERROR", "subject", "x".repeat(250),
                        "outcome", "failure", "details", Map.of("redirect_uri", "y".repeat(400))));
            }
            offer(forwarder, events);
            awaitStored(forwarder, 400);
            assertThat(stored).hasSize(400);
            assertThat(sizes).allSatisfy(size -> assertThat(size).isLessThan(64 * 1024));
            assertThat(sizes.size()).isGreaterThan(2);
        }
    }

    /** An event leaves the journal once the service has it, never before: an outage keeps all of them there. */
    @Test
    void eventsLeaveTheJournalOnlyOnceAcknowledgedAndCarryTheirIds() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
        EventForwarder.Sink api = batch -> {
            if (down.get()) {
                throw new PolicyServiceException(503, "the policy service failed: 503");
            }
            stored.addAll(batch);
        };
        try (EventForwarder forwarder = new EventForwarder(api, backlog, 100_000)) {
            List<Map<String, Object>> events = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                events.add(event("LOGIN_ERROR", i));
            }
            offer(forwarder, events);
            Thread.sleep(600);
            assertThat(backlog.size()).as("journaled while the service is down").isEqualTo(50);
            down.set(false);
            awaitStored(forwarder, 50);
            assertThat(backlog.size()).isZero();
            assertThat(stored).allSatisfy(e -> assertThat(e.get("id")).asString().hasSize(36));
            assertThat(stored.stream().map(e -> e.get("id")).distinct()).hasSize(stored.size());
        }
    }

    /**
     * A node whose delivery hangs (a stopped process, a dead socket) stops renewing its hold; once the
     * hold runs out another node takes the events and delivers each of them once.
     */
    @Test
    void aNodeThatStopsDeliveringHandsItsEventsToAnother() throws Exception {
        MemoryBacklog shared = new MemoryBacklog(Duration.ofMillis(400));
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        EventForwarder.Sink hung = batch -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            events.add(event("LOGIN_ERROR", i));
        }
        shared.append(events);
        try (EventForwarder first = new EventForwarder(hung, shared, 100_000)) {
            Thread.sleep(300); // the first node holds them, and hangs
            try (EventForwarder second = new EventForwarder(stored::addAll, shared, 100_000)) {
                awaitStored(second, 30);
                assertThat(stored).hasSize(30);
                assertThat(shared.size()).isZero();
            }
        } finally {
            never.countDown();
        }
    }

    /** Past its bound the journal takes nothing more; what that cost reaches the audit log. */
    @Test
    void whatAFullJournalDroppedIsCountedInTheAuditLog() throws Exception {
        MemoryBacklog small = new MemoryBacklog();
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
        EventForwarder.Sink api = batch -> {
            if (down.get()) {
                throw new PolicyServiceException("the policy service did not answer in time");
            }
            stored.addAll(batch);
        };
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            events.add(event("LOGIN_ERROR", i));
        }
        small.append(events);
        try (EventForwarder forwarder = new EventForwarder(api, small, 1_000)) {
            Thread.sleep(300);
            assertThat(forwarder.full()).isTrue();
            forwarder.dropped(7);
            down.set(false);
            awaitStored(forwarder, 1_000);
            Map<String, Object> notice = stored.stream().filter(e -> "KEYCLOAK_EVENTS_DROPPED".equals(e.get("type")))
                    .findFirst().orElseThrow();
            @SuppressWarnings("unchecked")
            Map<String, Object> details = (Map<String, Object>) notice.get("details");
            assertThat(details).containsEntry("dropped", 7L).containsEntry("reason", "journal full")
                    .containsEntry("limit", 1_000L);
            assertThat(forwarder.dropped()).as("reported, so no longer carried").isZero();
        }
    }

    /**
     * One event the service fails on with a 500 whenever it is in a batch (the insert of a value its
     * database cannot store): the batch is split until that event is alone, the others all arrive, and
     * that one is kept in the journal, waiting, never set aside and never holding up what comes after.
     */
    @Test
    void onePoisonEventThatMakesTheServiceFailNeverHoldsUpTheOthers() throws Exception {
        EventForwarder.Sink api = batch -> {
            if (batch.stream().anyMatch(e -> "POISON".equals(e.get("type")))) {
                throw new PolicyServiceException(500, "the policy service failed: 500");
            }
            stored.addAll(batch);
        };
        try (EventForwarder forwarder = new EventForwarder(api, backlog, 100_000, Duration.ofMillis(5))) {
            List<Map<String, Object>> events = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                events.add(event("LOGIN_ERROR", i));
                if (i == 3) {
                    events.add(event("POISON", i));
                }
            }
            offer(forwarder, events);
            awaitStored(forwarder, 60);
            offer(forwarder, List.of(event("LOGIN", 100)));
            awaitStored(forwarder, 61);
            assertThat(stored.stream().filter(e -> !"POISON".equals(e.get("type")))).hasSize(61);
            assertThat(backlog.size()).as("the poison event is kept, not lost").isEqualTo(1);
            assertThat(forwarder.setAside()).isZero();
        }
    }
}
