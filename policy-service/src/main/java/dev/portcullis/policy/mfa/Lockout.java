package dev.portcullis.policy.mfa;

import dev.portcullis.policy.subjects.LockCounters;
import java.time.Duration;
import java.time.Instant;

/**
 * The lockout rule, pure: consecutive failures lock a subject for a while; an expired lock starts
 * the count afresh; success resets it. Enrolling again does not. Each lockout that follows another
 * without a success in between lasts twice as long as the last (15 minutes, 30, 60...), up to
 * {@code maxDuration}: someone holding only the password gets a few dozen guesses a day, not hundreds.
 */
public record Lockout(int maxFailures, Duration duration, Duration maxDuration) {

    /** Applies one failure to {@code state}; returns true when this failure locked the subject. */
    public boolean fail(LockCounters state, Instant now) {
        if (state.lockedUntil != null && !state.lockedUntil.isAfter(now)) {
            state.lockedUntil = null;
            state.failedAttempts = 0;
        }
        state.failedAttempts++;
        if (state.failedAttempts >= maxFailures && state.lockedUntil == null) {
            state.consecutiveLockouts++;
            state.lockedUntil = now.plus(durationOf(state.consecutiveLockouts));
            return true;
        }
        return false;
    }

    /** How long the {@code n}th lockout in a row lasts (n from 1). */
    public Duration durationOf(int n) {
        Duration length = duration;
        for (int i = 1; i < n && length.compareTo(maxDuration) < 0; i++) {
            length = length.multipliedBy(2);
        }
        return length.compareTo(maxDuration) > 0 ? maxDuration : length;
    }

    /** A success: the failures and the run of lockouts start afresh. */
    public static void succeeded(LockCounters state) {
        state.failedAttempts = 0;
        state.consecutiveLockouts = 0;
    }

    public int remaining(LockCounters state, Instant now) {
        if (state.lockedAt(now)) {
            return 0;
        }
        int failures = state.lockedUntil != null ? 0 : state.failedAttempts;
        return Math.max(0, maxFailures - failures);
    }
}
