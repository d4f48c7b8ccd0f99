package dev.portcullis.policy.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.policy.subjects.SubjectState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LockoutTest {

    private final Lockout lockout = new Lockout(5, Duration.ofMinutes(15));
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
}
