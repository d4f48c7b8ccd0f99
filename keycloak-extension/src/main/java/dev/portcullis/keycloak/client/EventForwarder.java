package dev.portcullis.keycloak.client;

import dev.portcullis.keycloak.journal.Backlog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Delivers the journaled events ({@link Backlog}) to the policy service's audit log from one
 * background thread, so a login never waits for it. An event leaves the journal only once the
 * service has acknowledged it (or refused it as such); a crash before that delivers it again, and
 * the service drops the copy by the event's id. One bad event never takes good ones down with it:
 * <ul>
 * <li>batches are sized by bytes, under the API's body limit, and by count;</li>
 * <li>a batch the service refuses as such (400: malformed; 413: too large) is split in halves until
 * the one event it refuses is alone, and that one is set aside; the others go through;</li>
 * <li>a batch the service keeps failing on with a 5xx ({@link #SPLIT_AFTER} times) is split too, and
 * an event that still fails alone waits behind the others ({@link #DEFER}), kept and retried: one
 * poison event never holds up the rest, and an outage loses nothing;</li>
 * <li>every other answer that is not an acknowledgement is recoverable, and retried with backoff for as
 * long as it takes, exactly like an outage: a 401 or 403 (Keycloak's key being rotated), a 409, a 429,
 * a 5xx (the service is up, its database is not), no answer at all. Nothing is lost to them. The
 * journal's hold on the events is renewed meanwhile, so no other node takes them.</li>
 * </ul>
 * The journal is bounded ({@link #full()}): past the bound, new events are dropped. Every event
 * dropped or set aside is counted, with the reason, in an event of its own
 * ({@code KEYCLOAK_EVENTS_DROPPED}, {@code KEYCLOAK_EVENTS_SET_ASIDE}) in the audit log; the counts
 * stay until a batch that carries them is acknowledged.
 */
public final class EventForwarder implements AutoCloseable {

    /** Where batches go: the policy service's events API. */
    @FunctionalInterface
    public interface Sink {
        void send(List<Map<String, Object>> events);
    }

    static final int BATCH = 200;
    /** How many events one look at the journal takes. */
    static final int CLAIM = 1_000;
    /** Under the API's default body limit of 64 KiB, with room for the notices. */
    static final int BATCH_BYTES = 48 * 1024;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** How often an idle forwarder looks at the journal (events of other nodes, or left by a crash). */
    static final Duration IDLE_LOOK = Duration.ofSeconds(1);
    /** How often the size of the journal, which bounds it, is counted. */
    static final Duration COUNT_EVERY = Duration.ofSeconds(5);
    /** Renew the hold well before it runs out: the journal's lease is 60 s, the longest backoff 30 s. */
    static final Duration RENEW_EVERY = Duration.ofSeconds(15);
    /**
     * A batch that fails this many times in a row with a 5xx is split in halves (nothing is lost by
     * splitting): if one event is what makes the service fail, the others get through. One event that
     * still fails alone is deferred, tried again every {@link #DEFER}, so it never holds up the rest.
     */
    static final int SPLIT_AFTER = 5;
    static final Duration DEFER = Duration.ofMinutes(5);

    private static final Logger LOG = Logger.getLogger(EventForwarder.class);

    private final Sink sink;
    private final Backlog backlog;
    private final Duration firstBackoff;
    private final long limit;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong setAside = new AtomicLong();
    private final Map<String, Long> setAsideReasons = new TreeMap<>();
    private final Deque<Work> work = new ConcurrentLinkedDeque<>();
    /** Single events that kept failing with a 5xx, and when each is due again. */
    private final Deque<Deferred> deferred = new ConcurrentLinkedDeque<>();
    /** The notices being delivered, and the counts each carries (sender thread only). */
    private final Map<Map<String, Object>, Carried> notices = new IdentityHashMap<>();
    private final Semaphore wake = new Semaphore(0);
    private final Thread sender;
    private volatile boolean running = true;
    private volatile long size;
    private long counted;
    private long renewed;

    /** A batch to deliver, and which of its events are journaled (the notices are not). */
    private record Work(List<Map<String, Object>> events) {
        List<String> journaled(Map<Map<String, Object>, Carried> notices) {
            return events.stream().filter(e -> !notices.containsKey(e)).map(e -> (String) e.get("id")).toList();
        }
    }

    private record Deferred(Work work, long dueNanos) {
    }

    /** What a notice reports as lost: it is forgotten once the notice is acknowledged. */
    private record Carried(long dropped, Map<String, Long> reasons) {
    }

    /** Delivers from {@code backlog}, which holds at most {@code limit} events. */
    public EventForwarder(Sink sink, Backlog backlog, long limit) {
        this(sink, backlog, limit, FIRST_BACKOFF);
    }

    /** With the first of the doubling retry delays given (a test's, shorter). */
    EventForwarder(Sink sink, Backlog backlog, long limit, Duration firstBackoff) {
        this.firstBackoff = firstBackoff;
        this.sink = sink;
        this.backlog = backlog;
        this.limit = limit;
        this.sender = new Thread(this::run, "portcullis-event-forwarder");
        this.sender.setDaemon(true);
        this.sender.start();
    }

    /** Whether the journal holds as many events as it may: new ones are then dropped, and counted. */
    public boolean full() {
        return size >= limit;
    }

    /** Counts events that could not be journaled; the count reaches the audit log. */
    public void dropped(long events) {
        dropped.addAndGet(events);
    }

    /** New events were journaled: look now rather than at the next idle look. */
    public void nudge() {
        if (wake.availablePermits() == 0) {
            wake.release();
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

    /** Events waiting in the journal, on every node; as last counted when the journal cannot be read now. */
    public long pending() {
        try {
            size = backlog.size();
        } catch (RuntimeException unavailable) {
            LOG.debugf("The event journal cannot be counted: %s", unavailable.getMessage());
        }
        return size;
    }

    /** How long the oldest event not yet delivered has waited; zero when none waits. */
    public Duration oldestWaiting() {
        try {
            return backlog.oldest().map(oldest -> Duration.between(oldest, Instant.now()))
                    .filter(age -> !age.isNegative()).orElse(Duration.ZERO);
        } catch (RuntimeException unavailable) {
            return Duration.ZERO;
        }
    }

    /** Only a refusal of the events themselves isolates one; every other answer is worth a retry. */
    static boolean isolates(int status) {
        return status == 400 || status == 413;
    }

    private void run() {
        Duration backoff = firstBackoff;
        Work failing = null;
        int failures = 0;
        while (running) {
            try {
                countNow();
                if (work.isEmpty() && !undefer() && !claim()) {
                    wake.tryAcquire(IDLE_LOOK.toMillis(), TimeUnit.MILLISECONDS);
                    continue;
                }
                Work next = work.peekFirst();
                try {
                    renewHold();
                    sink.send(next.events);
                    work.pollFirst();
                    sent.addAndGet(next.events.size());
                    delivered(next);
                    backoff = firstBackoff;
                    continue;
                } catch (PolicyServiceRejection refused) {
                    if (isolates(refused.status())) {
                        work.pollFirst();
                        isolate(next, "refused " + refused.status(), refused.getMessage());
                        continue;
                    }
                    LOG.debugf("Events not accepted yet (%s); retrying %d events in %s", refused.getMessage(),
                            next.events.size(), backoff);
                } catch (PolicyServiceException unavailable) {
                    LOG.debugf("Events not accepted yet (%s); retrying %d events in %s", unavailable.getMessage(),
                            next.events.size(), backoff);
                    failures = next == failing ? failures + 1 : 1;
                    failing = next;
                    if (unavailable.status() >= 500 && failures >= SPLIT_AFTER) {
                        setApart(next, unavailable);
                        failing = null;
                        backoff = firstBackoff; // each half is a new question
                        continue;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException journal) {
                // Keycloak's database is away: what is held stays held, and is sent again (the service drops copies)
                LOG.warnf("The event journal cannot be read or written now (%s); retrying in %s",
                        journal.getMessage(), backoff);
            }
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoff = longer(backoff);
        }
    }

    private static Duration longer(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
    }

    private void countNow() {
        long now = System.nanoTime();
        if (counted == 0 || now - counted > COUNT_EVERY.toNanos()) {
            size = backlog.size();
            counted = now;
        }
    }

    /** Takes the oldest events nobody holds, in batches of at most {@link #BATCH} events and {@link #BATCH_BYTES}. */
    private boolean claim() {
        List<Backlog.Held> held = backlog.claim(CLAIM);
        if (held.isEmpty()) {
            // nothing waits, but a loss not yet reported is reported now rather than with the next event
            List<Map<String, Object>> alone = new ArrayList<>();
            addNotices(alone);
            if (alone.isEmpty()) {
                return false;
            }
            work.addLast(new Work(alone));
            return true;
        }
        renewed = System.nanoTime();
        List<Map<String, Object>> batch = new ArrayList<>();
        int bytes = 0;
        for (Backlog.Held entry : held) {
            int next = EventBounds.bytes(entry.event());
            if (!batch.isEmpty() && (batch.size() >= BATCH || bytes + next > BATCH_BYTES)) {
                work.addLast(new Work(batch));
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(entry.event());
            bytes += next;
        }
        work.addLast(new Work(batch));
        addNotices(work.peekFirst().events);
        return true;
    }

    private void renewHold() {
        if (System.nanoTime() - renewed > RENEW_EVERY.toNanos()) {
            backlog.renew(held());
            renewed = System.nanoTime();
        }
    }

    private List<String> held() {
        return java.util.stream.Stream.concat(work.stream(), deferred.stream().map(Deferred::work))
                .flatMap(w -> w.journaled(notices).stream()).toList();
    }

    /**
     * A batch the service keeps failing on with a 5xx: split in halves, each retried like an outage; one
     * event alone is deferred behind the others (a poison event, or an outage, costs nothing either way).
     */
    private void setApart(Work failing, PolicyServiceException cause) {
        work.pollFirst();
        List<Map<String, Object>> events = failing.events;
        if (events.size() == 1) {
            LOG.warnf("The policy service keeps failing on one event of type %s (%s); it waits %s, the others go on",
                    events.get(0).get("type"), cause.getMessage(), DEFER);
            deferred.addLast(new Deferred(failing, System.nanoTime() + DEFER.toNanos()));
            return;
        }
        split(events);
    }

    /** A deferred event that is due is tried again, once nothing else waits in this node's hands. */
    private boolean undefer() {
        Deferred first = deferred.peekFirst();
        if (first == null || System.nanoTime() < first.dueNanos()) {
            return false;
        }
        deferred.pollFirst();
        work.addLast(first.work());
        return true;
    }

    /** Puts the two halves of {@code events} ahead of other work, the first half first. */
    private void split(List<Map<String, Object>> events) {
        int half = events.size() / 2;
        work.addFirst(new Work(new ArrayList<>(events.subList(half, events.size()))));
        work.addFirst(new Work(new ArrayList<>(events.subList(0, half))));
    }

    /** Splits a refused batch in halves, ahead of other work; one event alone is set aside. */
    private void isolate(Work refused, String reason, String detail) {
        List<Map<String, Object>> events = refused.events;
        if (events.size() == 1) {
            Map<String, Object> event = events.get(0);
            boolean notice = notices.remove(event) != null; // a refused notice: its counts stay, for the next one
            LOG.warnf("The policy service %s an event of type %s (%s); it is set aside and counted in the audit log.",
                    reason, event.get("type"), detail);
            if (!notice) {
                backlog.remove(List.of((String) event.get("id")));
            }
            count(1, reason);
            return;
        }
        split(events);
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
            Map<String, Object> notice = notice("KEYCLOAK_EVENTS_DROPPED", Map.of("dropped", lost, "reason",
                    "journal full", "limit", limit));
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

    /** A batch arrived: its events leave the journal, and the counts its notices carried are reported. */
    private void delivered(Work batch) {
        List<String> journaled = batch.journaled(notices);
        try {
            backlog.remove(journaled);
        } catch (RuntimeException journal) {
            // they are in the audit log: sent again later, the service drops the copies by id
            LOG.warnf("%d delivered events stay in the journal for now (%s)", journaled.size(), journal.getMessage());
        }
        for (Map<String, Object> event : batch.events) {
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
        return Map.of("id", UUID.randomUUID().toString(), "time", Instant.now().toString(), "type", type,
                "outcome", "failure", "details", details);
    }

    /**
     * Stops, waiting up to {@code timeout} for a batch being sent; what is still held is handed back to
     * the journal, for this node's next start or another node.
     */
    public void close(Duration timeout) {
        running = false;
        wake.release();
        try {
            sender.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.interrupt();
        try {
            backlog.release(held());
        } catch (RuntimeException journal) {
            LOG.debugf("The events held stay held until their lease runs out: %s", journal.getMessage());
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
