package dev.portcullis.e2e.support;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The authenticator apps of a test's people: the key each one enrolled, and a fresh code on demand.
 * The policy service accepts each 30-second step once per person, and one step either side of now,
 * so a code is for the next step not yet used, waiting for time to move on where it must.
 */
public final class Phone {

    private final Map<String, String> secrets = new HashMap<>();
    private final Map<String, Long> lastStep = new HashMap<>();

    public synchronized void enrolled(String person, String secret, long step) {
        secrets.put(person, secret);
        lastStep.put(person, step);
    }

    public synchronized boolean has(String person) {
        return secrets.containsKey(person);
    }

    public synchronized String secret(String person) {
        return secrets.get(person);
    }

    /** A code for a step later than any used, within one step of now. */
    public synchronized String code(String person) throws InterruptedException {
        String secret = secrets.get(person);
        if (secret == null) {
            throw new IllegalStateException(person + " has no authenticator on this phone");
        }
        long step = Math.max(now(), lastStep.getOrDefault(person, 0L) + 1);
        while (step > now() + 1) {
            Thread.sleep(500);
        }
        lastStep.put(person, step);
        return Totp.code(secret, step);
    }

    public static long now() {
        return Totp.step(Instant.now().getEpochSecond());
    }
}
