package dev.portcullis.policy.subjects;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;

/**
 * What a lockout rule counts on: consecutive failures, the lock they led to, and the run of locks
 * without a success in between. A person has their own, which every door honours ({@link SubjectState});
 * a service other than the identity provider has one per person, which only it honours.
 */
@MappedSuperclass
public abstract class LockCounters {

    @Column(name = "failed_attempts", nullable = false)
    public int failedAttempts;

    @Column(name = "locked_until")
    public Instant lockedUntil;

    /** Lockouts in a row without a success in between: each lasts twice as long as the last. */
    @Column(name = "consecutive_lockouts", nullable = false)
    public int consecutiveLockouts;

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
