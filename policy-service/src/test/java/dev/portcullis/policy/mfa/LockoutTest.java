package dev.portcullis.policy.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.policy.subjects.SubjectState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LockoutTest {

    private final Lockout lockout = new Lockout(5, Duration.ofMinutes(15), Duration.ofHours(24));
    private final Instant now = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void theFifthConsecutiveFailureLocksForFifteenMinutes() {
        SubjectState state = new SubjectState();
        for (int i = 1; i <= 4; i++) {
            assertThat(lockout.fail(state, now)).isFalse();
            assertThat(lockout.remaining(state, now)).isEqualTo(5 - i);
        }
        assertThat(lockout.fail(state, now)).isTrue();
        assertThat(state.lockedUntil).isEqualTo(now.plus(Duration.ofMinutes(15)));
        assertThat(state.lockedAt(now.plusSeconds(899))).isTrue();
        assertThat(lockout.remaining(state, now)).isZero();
    }

    @Test
    void anExpiredLockStartsTheCountAfresh() {
        SubjectState state = new SubjectState();
        for (int i = 0; i < 5; i++) {
            lockout.fail(state, now);
        }
        Instant later = now.plus(Duration.ofMinutes(16));
        assertThat(state.lockedAt(later)).isFalse();
        assertThat(lockout.remaining(state, later)).isEqualTo(5);
        assertThat(lockout.fail(state, later)).isFalse();
        assertThat(state.failedAttempts).isEqualTo(1);
        assertThat(state.lockedUntil).isNull();
    }

    /** Someone holding the password and guessing codes: each lock in a row lasts twice as long. */
    @Test
    void eachLockoutInARowLastsTwiceAsLongUpToADay() {
        SubjectState state = new SubjectState();
        Instant at = now;
        long[] expectedMinutes = {15, 30, 60, 120, 240, 480, 960, 1440, 1440, 1440};
        for (long minutes : expectedMinutes) {
            for (int i = 0; i < 5; i++) {
                lockout.fail(state, at);
            }
            assertThat(Duration.between(at, state.lockedUntil)).as("lockout " + state.consecutiveLockouts)
                    .isEqualTo(Duration.ofMinutes(minutes));
            at = state.lockedUntil.plusSeconds(1);
        }
        assertThat(state.consecutiveLockouts).isEqualTo(10);
    }

    @Test
    void aSuccessEndsTheRun() {
        SubjectState state = new SubjectState();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 5; i++) {
                lockout.fail(state, now.plus(Duration.ofDays(round)));
            }
        }
        assertThat(lockout.durationOf(state.consecutiveLockouts + 1)).isEqualTo(Duration.ofMinutes(120));
        Lockout.succeeded(state);
        assertThat(state.failedAttempts).isZero();
        assertThat(lockout.durationOf(state.consecutiveLockouts + 1)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void guessesADayFallFromHundredsToAFewDozen() {
        SubjectState state = new SubjectState();
        Instant at = now;
        Instant dayLater = now.plus(Duration.ofDays(1));
        int guesses = 0;
        while (at.isBefore(dayLater)) {
            lockout.fail(state, at);
            guesses++;
            at = state.lockedAt(at) ? state.lockedUntil : at.plusSeconds(1);
        }
        assertThat(guesses).isLessThanOrEqualTo(45);
    }
}
