package dev.portcullis.policy.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Argon2id slots: a service that floods them waits behind its own requests, not in front of Keycloak's. */
class HashingGateTest {

    @Test
    void keycloaksCheckTakesTheNextSlotEvenBehindAFloodFromAnotherService() throws Exception {
        HashingGate gate = new HashingGate(2, Duration.ofSeconds(30));
        List<String> started = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(24);
        try {
            CountDownLatch flooding = new CountDownLatch(20);
            for (int i = 0; i < 20; i++) {
                int n = i;
                pool.submit(() -> {
                    flooding.countDown();
                    return gate.run("service:noisy", () -> {
                        started.add("noisy-" + n);
                        sleep(40);
                        return n;
                    });
                });
            }
            flooding.await();
            Thread.sleep(100); // the flood is queued
            long before = System.nanoTime();
            int queuedAt = started.size();
            String result = gate.run("service:keycloak", () -> {
                started.add("keycloak");
                return "checked";
            });
            long waitedMillis = (System.nanoTime() - before) / 1_000_000;
            assertThat(result).isEqualTo("checked");
            int position = started.indexOf("keycloak");
            // at most one flood request per slot goes ahead of it once it waits, not the dozen queued
            assertThat(position - queuedAt).as("slots given out before Keycloak's: " + started).isLessThanOrEqualTo(2);
            assertThat(waitedMillis).isLessThan(20 * 40 / 2);
        } finally {
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCheckThatWaitsTooLongGetsA503AndGivesUpItsPlace() throws Exception {
        HashingGate gate = new HashingGate(1, Duration.ofMillis(100));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread holder = new Thread(() -> gate.run("a", () -> {
            holding.countDown();
            await(done);
            return 1;
        }));
        holder.start();
        holding.await();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> gate.run("b", () -> 2))
                .hasMessageContaining("Too many password checks");
        done.countDown();
        holder.join();
        assertThat(gate.run("b", () -> 3)).isEqualTo(3);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
