package dev.portcullis.policy.mfa;

import java.time.Instant;
import java.util.List;
import java.util.Map;

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
     * long the next one would last. {@code locked} is the person's own lock, which every service honours;
     * {@code lockedAtServices}: the services other than the identity provider that have them locked out
     * of themselves alone, by their wrong codes, with when each lock ends.
     */
    public record Status(String subject, List<String> enrolledMethods, boolean pendingEnrolment,
            long recoveryCodesLeft, boolean locked, Instant lockedUntil, int failedAttempts, Instant firstSeen,
            int lockoutsInARow, long nextLockoutMinutes, String username, Map<String, Instant> lockedAtServices) {

        /** Their login name, or their key while they have none ({@code subject}, which a rename keeps). */
        public String name() {
            return username != null ? username : subject;
        }
    }
}
