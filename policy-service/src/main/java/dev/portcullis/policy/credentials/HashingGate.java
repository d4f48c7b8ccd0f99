package dev.portcullis.policy.credentials;

import dev.portcullis.policy.config.PortcullisConfig;
import dev.portcullis.policy.problem.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Bounds how many Argon2id evaluations run at once: each needs 19 MiB and a core, so a burst of
 * checks queues here instead of exhausting the heap. A check that waits too long gets a 503.
 * <p>
 * The slots are shared fairly between callers: when several services wait, a freed slot goes to
 * each in turn, so a service that floods the checks waits behind its own requests, never in front
 * of Keycloak's.
 */
@ApplicationScoped
public class HashingGate {

    private final int slots;
    private final Duration wait;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, ArrayDeque<Ticket>> waiting = new HashMap<>();
    /** Callers with someone waiting, in the order their next turn comes. */
    private final ArrayDeque<String> turns = new ArrayDeque<>();
    private int inUse;

    private static final class Ticket {
        final Condition granted;
        boolean admitted;

        Ticket(Condition granted) {
            this.granted = granted;
        }
    }

    @Inject
    public HashingGate(PortcullisConfig config) {
        this(config.credentials().maxConcurrentHashes().orElse(Runtime.getRuntime().availableProcessors()),
                config.credentials().hashWait());
    }

    HashingGate(int slots, Duration wait) {
        this.slots = Math.max(1, slots);
        this.wait = wait;
    }

    /** Runs {@code work} in a slot, taking turns with the other callers. */
    public <T> T run(String caller, Supplier<T> work) {
        boolean acquired;
        try {
            acquired = acquire(caller == null ? "" : caller, System.nanoTime() + wait.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiProblem(503, "The service is shutting down; retry the password check.");
        }
        if (!acquired) {
            throw new ApiProblem(503, "Too many password checks are running at once; retry in a few seconds.");
        }
        try {
            return work.get();
        } finally {
            release();
        }
    }

    private boolean acquire(String caller, long deadline) throws InterruptedException {
        lock.lock();
        try {
            if (inUse < slots && turns.isEmpty()) {
                inUse++;
                return true;
            }
            Ticket ticket = new Ticket(lock.newCondition());
            ArrayDeque<Ticket> queue = waiting.computeIfAbsent(caller, c -> new ArrayDeque<>());
            if (queue.isEmpty()) {
                turns.addLast(caller);
            }
            queue.addLast(ticket);
            try {
                while (!ticket.admitted) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        withdraw(caller, ticket);
                        return false;
                    }
                    ticket.granted.awaitNanos(left);
                }
                return true;
            } catch (InterruptedException e) {
                if (ticket.admitted) {
                    releaseLocked();
                } else {
                    withdraw(caller, ticket);
                }
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    private void withdraw(String caller, Ticket ticket) {
        ArrayDeque<Ticket> queue = waiting.get(caller);
        queue.remove(ticket);
        if (queue.isEmpty()) {
            waiting.remove(caller);
            turns.remove(caller);
        }
    }

    private void release() {
        lock.lock();
        try {
            releaseLocked();
        } finally {
            lock.unlock();
        }
    }

    /** Hands the slot to the caller whose turn it is, or frees it. */
    private void releaseLocked() {
        String next = turns.pollFirst();
        if (next == null) {
            inUse--;
            return;
        }
        ArrayDeque<Ticket> queue = waiting.get(next);
        Ticket ticket = queue.pollFirst();
        if (queue.isEmpty()) {
            waiting.remove(next);
        } else {
            turns.addLast(next);
        }
        ticket.admitted = true;
        ticket.granted.signal();
    }
}
