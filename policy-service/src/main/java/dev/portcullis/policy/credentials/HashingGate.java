package dev.portcullis.policy.credentials;

import dev.portcullis.policy.config.PortcullisConfig;
import dev.portcullis.policy.problem.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounds how many Argon2id evaluations run at once: each needs 19 MiB and a core, so a burst of
 * checks queues here instead of exhausting the heap. A check that waits too long gets a 503.
 */
@ApplicationScoped
public class HashingGate {

    private final Semaphore slots;
    private final Duration wait;

    @Inject
    public HashingGate(PortcullisConfig config) {
        this(config.credentials().maxConcurrentHashes().orElse(Runtime.getRuntime().availableProcessors()),
                config.credentials().hashWait());
    }

    HashingGate(int slots, Duration wait) {
        this.slots = new Semaphore(Math.max(1, slots), true);
        this.wait = wait;
    }

    public <T> T run(Supplier<T> work) {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
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
            slots.release();
        }
    }
}
