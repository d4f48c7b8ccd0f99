package dev.portcullis.keycloak.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
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
 * <li>a batch the service refuses as such (400: malformed; 413: too large) is split in halves until
 * the one event it refuses is alone, and that one is set aside; the others go through;</li>
 * <li>every other answer that is not an acknowledgement is recoverable, and retried with backoff for as
 * long as it takes, exactly like an outage: a 401 or 403 (Keycloak's key being rotated), a 429, a
 * 5xx (the service is up, its database is not), no answer at all. Nothing is lost to them.</li>
 * </ul>
 * The queue is bounded: when it is full, new events are dropped. Every event dropped or set aside is
 * counted, with the reason, in an event of its own ({@code KEYCLOAK_EVENTS_DROPPED},
 * {@code KEYCLOAK_EVENTS_SET_ASIDE}) in the audit log; the counts stay until a batch that carries
 * them is acknowledged, so a refused or lost batch does not take them along.
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
    /** The notices being delivered, and the counts each carries (sender thread only). */
    private final Map<Map<String, Object>, Carried> notices = new IdentityHashMap<>();
    private final Thread sender;
    private volatile boolean running = true;

    /** A batch to deliver. */
    private record Work(List<Map<String, Object>> events) {
    }

    /** What a notice reports as lost: it is forgotten once the notice is acknowledged. */
    private record Carried(long dropped, Map<String, Long> reasons) {
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

    /** How long the oldest event not yet delivered has waited (by its own time); zero when none waits. */
    public Duration oldestWaiting() {
        Work first = work.peekFirst();
        Map<String, Object> oldest = first != null && !first.events.isEmpty() ? first.events.get(0) : queue.peek();
        if (oldest == null) {
            return Duration.ZERO;
        }
        try {
            Duration age = Duration.between(Instant.parse(String.valueOf(oldest.get("time"))), Instant.now());
            return age.isNegative() ? Duration.ZERO : age;
        } catch (java.time.format.DateTimeParseException e) {
            return Duration.ZERO;
        }
    }

    /** Only a refusal of the events themselves isolates one; every other answer is worth a retry. */
    static boolean isolates(int status) {
        return status == 400 || status == 413;
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        while (running || !queue.isEmpty() || !work.isEmpty()) {
            try {
                if (work.isEmpty() && !nextBatch()) {
                    continue;
                }
                Work next = work.peekFirst();
                RuntimeException failure;
                try {
                    sink.send(next.events);
                    work.pollFirst();
                    sent.addAndGet(next.events.size());
                    acknowledged(next);
                    backoff = FIRST_BACKOFF;
                    continue;
                } catch (PolicyServiceRejection refused) {
                    if (isolates(refused.status())) {
                        work.pollFirst();
                        isolate(next, "refused " + refused.status(), refused.getMessage());
                        continue;
                    }
                    failure = refused;
                } catch (PolicyServiceException unavailable) {
                    failure = unavailable;
                }
                if (!running) {
                    LOG.warnf("Stopping with %d events not yet in the policy service's audit log.", pending());
                    return;
                }
                LOG.debugf("Events not accepted yet (%s); retrying %d events in %s", failure.getMessage(),
                        next.events.size(), backoff);
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException unexpected) {
                LOG.error("Event forwarding failed unexpectedly; the batch is set aside", unexpected);
                Work lost = work.pollFirst();
                if (lost != null) {
                    lost.events.forEach(notices::remove);
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
            notices.remove(event); // a refused notice: its counts stay, for the next one
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

    /**
     * The batch says what was lost and not yet reported: the audit log shows every gap, with its reason.
     * The counts are taken off only once a notice is acknowledged; until then no other notice is made.
     */
    private void addNotices(List<Map<String, Object>> batch) {
        if (!notices.isEmpty()) {
            return;
        }
        long lost = dropped.get();
        if (lost > 0) {
            Map<String, Object> notice = notice("KEYCLOAK_EVENTS_DROPPED", Map.of("dropped", lost, "reason", "queue full"));
            notices.put(notice, new Carried(lost, Map.of()));
            batch.add(notice);
        }
        Map<String, Long> reasons;
        synchronized (setAsideReasons) {
            reasons = new LinkedHashMap<>(setAsideReasons);
        }
        if (!reasons.isEmpty()) {
            long total = reasons.values().stream().mapToLong(Long::longValue).sum();
            Map<String, Object> notice = notice("KEYCLOAK_EVENTS_SET_ASIDE", Map.of("setAside", total, "reasons", reasons));
            notices.put(notice, new Carried(0, reasons));
            batch.add(notice);
        }
    }

    /** A batch arrived: the counts its notices carried are reported now. */
    private void acknowledged(Work delivered) {
        for (Map<String, Object> event : delivered.events) {
            Carried carried = notices.remove(event);
            if (carried == null) {
                continue;
            }
            dropped.addAndGet(-carried.dropped());
            synchronized (setAsideReasons) {
                carried.reasons().forEach((reason, n) -> {
                    long left = setAsideReasons.getOrDefault(reason, 0L) - n;
                    if (left > 0) {
                        setAsideReasons.put(reason, left);
                    } else {
                        setAsideReasons.remove(reason);
                    }
                });
            }
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
