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
        try (EventForwarder forwarder = new EventForwarder(api, 10_000)) {
            List<Map<String, Object>> events = new ArrayList<>();
            for (int i = 0; i < 90; i++) {
                events.add(event("LOGIN_ERROR", i));
                if (i % 30 == 7) {
                    events.add(event("POISON", i));
                }
            }
            forwarder.offer(events);
            awaitStored(forwarder, 90);
            forwarder.offer(List.of(event("LOGIN", 1000)));
            awaitStored(forwarder, 91);
            assertThat(stored.stream().filter(e -> "LOGIN_ERROR".equals(e.get("type")))).hasSize(90);
            assertThat(forwarder.setAside()).isEqualTo(3);
            assertThat(counted("refused 400")).isEqualTo(3);
        }
    }

    @Test
    void aBatchThatKeepsFailingIsRetriedThenSplitAndAnOutageLosesNothing() throws Exception {
        AtomicInteger outage = new AtomicInteger(3);
        EventForwarder.Sink api = batch -> {
            if (outage.getAndDecrement() > 0) {
                throw new PolicyServiceException("the policy service did not answer in time");
            }
            if (batch.stream().anyMatch(e -> "CRASHES".equals(e.get("type")))) {
                throw new PolicyServiceException(500, "the policy service failed: 500");
            }
            stored.addAll(batch);
        };
        try (EventForwarder forwarder = new EventForwarder(api, 10_000)) {
            List<Map<String, Object>> events = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                events.add(event(i == 11 ? "CRASHES" : "LOGIN_ERROR", i));
            }
            forwarder.offer(events);
            awaitStored(forwarder, 19);
            forwarder.offer(List.of(event("LOGIN", 1000)));
            awaitStored(forwarder, 20);
            assertThat(stored.stream().filter(e -> "LOGIN_ERROR".equals(e.get("type")))).hasSize(19);
            assertThat(forwarder.setAside()).isEqualTo(1);
            assertThat(counted("failed 500")).isEqualTo(1);
        }
    }

    @Test
    void batchesStayUnderTheBodyLimit() throws Exception {
        List<Integer> sizes = new java.util.concurrent.CopyOnWriteArrayList<>();
        EventForwarder.Sink api = batch -> {
            sizes.add(batch.stream().mapToInt(EventBounds::bytes).sum() + batch.size() + 2);
            stored.addAll(batch);
        };
        try (EventForwarder forwarder = new EventForwarder(api, 10_000)) {
            List<Map<String, Object>> events = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                events.add(Map.of("time", "2026-12-01T10:00:00Z", "type", "LOGIN_ERROR", "subject", "x".repeat(250),
                        "outcome", "failure", "details", Map.of("redirect_uri", "y".repeat(400))));
            }
            forwarder.offer(events);
            awaitStored(forwarder, 400);
            assertThat(stored).hasSize(400);
            assertThat(sizes).allSatisfy(size -> assertThat(size).isLessThan(64 * 1024));
            assertThat(sizes.size()).isGreaterThan(2);
        }
    }
}
