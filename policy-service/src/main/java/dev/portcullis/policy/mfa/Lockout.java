package dev.portcullis.policy.mfa;

import dev.portcullis.policy.subjects.SubjectState;
import java.time.Duration;
import java.time.Instant;

/**
 * The lockout rule, pure: consecutive failures lock a subject for a while; an expired lock starts
 * the count afresh; success resets it. Enrolling again does not.
 */
public record Lockout(int maxFailures, Duration duration) {

    /** Applies one failure to {@code state}; returns true when this failure locked the subject. */
    public boolean fail(SubjectState state, Instant now) {
        if (state.lockedUntil != null && !state.lockedUntil.isAfter(now)) {
            state.lockedUntil = null;
            state.failedAttempts = 0;
        }
        state.failedAttempts++;
        if (state.failedAttempts >= maxFailures && state.lockedUntil == null) {
            state.lockedUntil = now.plus(duration);
            return true;
        }
        return false;
    }

    public int remaining(SubjectState state, Instant now) {
        if (state.lockedAt(now)) {
            return 0;
        }
        int failures = state.lockedUntil != null ? 0 : state.failedAttempts;
        return Math.max(0, maxFailures - failures);
    }
}
