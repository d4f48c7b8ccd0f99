package dev.portcullis.policy.mfa;

import java.time.Instant;
import java.util.List;

/** The answers of the TOTP API. */
public final class MfaResults {

    private MfaResults() {
    }

    public record Verification(boolean valid, int remainingAttempts) {
    }

    public record RecoveryVerification(boolean valid, long remaining) {
    }

    /** Shown once, at confirmation. */
    public record Confirmed(List<String> recoveryCodes) {
        @Override
        public String toString() {
            return "Confirmed[recoveryCodes=redacted]";
        }
    }

    /**
     * {@code lockoutsInARow}: lockouts without a success in between; {@code nextLockoutMinutes}: how
     * long the next one would last.
     */
    public record Status(String subject, List<String> enrolledMethods, boolean pendingEnrolment,
            long recoveryCodesLeft, boolean locked, Instant lockedUntil, int failedAttempts, Instant firstSeen,
            int lockoutsInARow, long nextLockoutMinutes, String username) {

        /** Their login name, or their key while they have none ({@code subject}, which a rename keeps). */
        public String name() {
            return username != null ? username : subject;
        }
    }
}
