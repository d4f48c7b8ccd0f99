package dev.portcullis.keycloak.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Sends events to the policy service's audit log from one background thread, so a login never waits
 * for it. One bad event never takes good ones down with it:
 * <ul>
 * <li>every event is fitted to the API's limits before it is queued ({@link EventBounds});</li>
 * <li>batches are sized by bytes, under the API's body limit, and by count;</li>
 * <li>a batch the service refuses (4xx) is split in halves until the one event it refuses is alone,
 * and that one is set aside; the others go through;</li>
 * <li>a batch that fails (5xx) is retried a few times, then split the same way;</li>
 * <li>while the service cannot be reached at all, the same work is retried with backoff, for as
 * long as it takes: nothing is lost to an outage.</li>
 * </ul>
 * The queue is bounded: when it is full, new events are dropped. Every event dropped or set aside is
 * counted, with the reason, in an event of its own ({@code KEYCLOAK_EVENTS_DROPPED},
 * {@code KEYCLOAK_EVENTS_SET_ASIDE}) in the audit log.
 */
public final class EventForwarder implements AutoCloseable {

    /** Where batches go: the policy service's events API. */
    @FunctionalInterface
    public interface Sink {
        void send(List<Map<String, Object>> events);
    }

    static final int BATCH = 200;
    /** Under the API's default body limit of 64 KiB, with room for the notices. */
    static final int BATCH_BYTES = 48 * 1024;
    static final int ATTEMPTS_ON_FAILURE = 3;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private static final Logger LOG = Logger.getLogger(EventForwarder.class);

    private final Sink sink;
    private final BlockingQueue<Map<String, Object>> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong setAside = new AtomicLong();
    private final Map<String, Long> setAsideReasons = new TreeMap<>();
    private final Deque<Work> work = new ConcurrentLinkedDeque<>();
    private final Thread sender;
    private volatile boolean running = true;

    /** A batch to deliver, and how many times the service failed (5xx) on it. */
    private static final class Work {
        final List<Map<String, Object>> events;
        int failures;

        Work(List<Map<String, Object>> events) {
            this.events = events;
        }
    }

    public EventForwarder(Sink sink, int capacity) {
        this.sink = sink;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.sender = new Thread(this::run, "portcullis-event-forwarder");
        this.sender.setDaemon(true);
        this.sender.start();
    }

    /** Fits and queues events without blocking; when the queue is full they are counted as dropped. */
    public void offer(List<Map<String, Object>> events) {
        for (Map<String, Object> event : events) {
            if (!queue.offer(EventBounds.fit(event))) {
                dropped.incrementAndGet();
            }
        }
    }

    public long sent() {
        return sent.get();
    }

    public long dropped() {
        return dropped.get();
    }

    public long setAside() {
        return setAside.get();
    }

    public int pending() {
        return queue.size() + work.stream().mapToInt(w -> w.events.size()).sum();
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        while (running || !queue.isEmpty() || !work.isEmpty()) {
            try {
                if (work.isEmpty() && !nextBatch()) {
                    continue;
                }
                Work next = work.peekFirst();
                try {
                    sink.send(next.events);
                    work.pollFirst();
                    sent.addAndGet(next.events.size());
                    backoff = FIRST_BACKOFF;
                } catch (PolicyServiceRejection refused) {
                    work.pollFirst();
                    isolate(next, "refused " + refused.status(), refused.getMessage());
                } catch (PolicyServiceException unavailable) {
                    if (unavailable.status() >= 500) {
                        // it answered, so it is up: a few quick retries, then find the event it fails on
                        if (++next.failures >= ATTEMPTS_ON_FAILURE) {
                            work.pollFirst();
                            isolate(next, "failed " + unavailable.status(), unavailable.getMessage());
                        } else {
                            Thread.sleep(FIRST_BACKOFF.toMillis() * next.failures);
                        }
                        continue;
                    }
                    if (!running) {
                        LOG.warnf("Stopping with %d events not yet in the policy service's audit log.", pending());
                        return;
                    }
                    LOG.debugf("Policy service unavailable (%s); retrying %d events in %s", unavailable.getMessage(),
                            next.events.size(), backoff);
                    Thread.sleep(backoff.toMillis());
                    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException unexpected) {
                LOG.error("Event forwarding failed unexpectedly; the batch is set aside", unexpected);
                Work lost = work.pollFirst();
                if (lost != null) {
                    count(lost.events.size(), "unexpected");
                }
            }
        }
    }

    /** Takes the next batch from the queue: at most {@link #BATCH} events and {@link #BATCH_BYTES}. */
    private boolean nextBatch() throws InterruptedException {
        Map<String, Object> first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
            return false;
        }
        List<Map<String, Object>> batch = new ArrayList<>();
        batch.add(first);
        int bytes = EventBounds.bytes(first);
        while (batch.size() < BATCH) {
            Map<String, Object> next = queue.peek();
            int size = next == null ? 0 : EventBounds.bytes(next);
            if (next == null || bytes + size > BATCH_BYTES) {
                break;
            }
            bytes += size;
            batch.add(queue.poll());
        }
        addNotices(batch);
        work.addLast(new Work(batch));
        return true;
    }

    /** Splits a refused or failing batch in halves, ahead of other work; one event alone is set aside. */
    private void isolate(Work refused, String reason, String detail) {
        List<Map<String, Object>> events = refused.events;
        if (events.size() == 1) {
            Map<String, Object> event = events.get(0);
            LOG.warnf("The policy service %s an event of type %s (%s); it is set aside and counted in the audit log.",
                    reason, event.get("type"), detail);
            count(1, reason);
            return;
        }
        int half = events.size() / 2;
        work.addFirst(new Work(new ArrayList<>(events.subList(half, events.size()))));
        work.addFirst(new Work(new ArrayList<>(events.subList(0, half))));
    }

    private void count(long events, String reason) {
        setAside.addAndGet(events);
        synchronized (setAsideReasons) {
            setAsideReasons.merge(reason, events, Long::sum);
        }
    }

    /** The batch says what was lost since the last one: the audit log shows every gap, with its reason. */
    private void addNotices(List<Map<String, Object>> batch) {
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            batch.add(notice("KEYCLOAK_EVENTS_DROPPED", Map.of("dropped", lost, "reason", "queue full")));
        }
        Map<String, Long> reasons;
        synchronized (setAsideReasons) {
            reasons = new LinkedHashMap<>(setAsideReasons);
            setAsideReasons.clear();
        }
        if (!reasons.isEmpty()) {
            long total = reasons.values().stream().mapToLong(Long::longValue).sum();
            batch.add(notice("KEYCLOAK_EVENTS_SET_ASIDE", Map.of("setAside", total, "reasons", reasons)));
        }
    }

    private static Map<String, Object> notice(String type, Map<String, Object> details) {
        return Map.of("time", Instant.now().toString(), "type", type, "outcome", "failure", "details", details);
    }

    /** Stops taking new work, tries once more to send what is queued, waiting up to {@code timeout}. */
    public void close(Duration timeout) {
        running = false;
        try {
            sender.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.interrupt();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
