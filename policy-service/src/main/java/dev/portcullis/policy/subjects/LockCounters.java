package dev.portcullis.policy.subjects;

import java.time.Instant;

/**
 * What a lockout rule counts on: consecutive failures, the lock they led to, and the run of locks
 * without a success in between. A person has their own, which every door honours ({@link SubjectState});
 * a service other than the identity provider has one per person, which only it honours.
 */
public interface LockCounters {

    int failures();

    void failures(int failures);

    Instant lockedUntil();

    void lockedUntil(Instant until);

    int locksInARow();

    void locksInARow(int locks);

    default boolean lockedAt(Instant now) {
        return lockedUntil() != null && lockedUntil().isAfter(now);
    }
}
