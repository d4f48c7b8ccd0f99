package dev.portcullis.keycloak.events;

import dev.portcullis.keycloak.client.PolicyServiceClient;
import dev.portcullis.keycloak.client.PolicyServiceException;
import dev.portcullis.keycloak.client.PolicyServiceRejection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Sends events to the policy service's audit log from one background thread, in batches, so a
 * login never waits for it. While the service is unreachable it retries the same batch with
 * backoff (up to {@link #MAX_BACKOFF}); the queue is bounded, and when it is full new events are
 * dropped and counted, and the count is reported once the service is back. A batch the service
 * rejects as malformed (4xx) is dropped and logged, never retried forever.
 */
public final class EventForwarder implements AutoCloseable {

    static final int BATCH = 200;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private static final Logger LOG = Logger.getLogger(EventForwarder.class);

    private final PolicyServiceClient client;
    private final BlockingQueue<Map<String, Object>> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final Thread sender;
    private volatile boolean running = true;

    public EventForwarder(PolicyServiceClient client, int capacity) {
        this.client = client;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.sender = new Thread(this::run, "portcullis-event-forwarder");
        this.sender.setDaemon(true);
        this.sender.start();
    }

    /** Queues events without blocking; when the queue is full they are counted as dropped. */
    public void offer(List<Map<String, Object>> events) {
        for (Map<String, Object> event : events) {
            if (!queue.offer(event)) {
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

    public int pending() {
        return queue.size();
    }

    private void run() {
        List<Map<String, Object>> batch = new ArrayList<>(BATCH);
        Duration backoff = FIRST_BACKOFF;
        while (running || !queue.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    Map<String, Object> first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                    addDropNotice(batch);
                }
                client.sendEvents(batch);
                sent.addAndGet(batch.size());
                batch.clear();
                backoff = FIRST_BACKOFF;
            } catch (PolicyServiceRejection rejected) {
                LOG.errorf("The policy service refused %d events (%d %s); they are dropped.", batch.size(),
                        rejected.status(), rejected.getMessage());
                batch.clear();
            } catch (PolicyServiceException unavailable) {
                if (!running) {
                    LOG.warnf("Stopping with %d events not yet in the policy service's audit log.",
                            batch.size() + queue.size());
                    return;
                }
                LOG.debugf("Policy service unavailable (%s); retrying %d events in %s", unavailable.getMessage(),
                        batch.size(), backoff);
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException unexpected) {
                LOG.error("Event forwarding failed; the batch is dropped", unexpected);
                batch.clear();
            }
        }
    }

    /** When events were dropped for a full queue, the batch says so: the audit log shows the gap. */
    private void addDropNotice(List<Map<String, Object>> batch) {
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            batch.add(Map.of("time", Instant.now().toString(), "type", "KEYCLOAK_EVENTS_DROPPED",
                    "outcome", "failure", "details", Map.of("dropped", lost)));
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
