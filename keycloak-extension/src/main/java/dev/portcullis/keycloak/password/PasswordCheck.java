package dev.portcullis.keycloak.password;

import dev.portcullis.keycloak.client.Answers;
import dev.portcullis.keycloak.client.PolicyServiceException;
import dev.portcullis.keycloak.client.PolicyServiceRejection;
import org.keycloak.policy.PolicyError;

/**
 * Pure: what a password check came to, and what the password policy answers. Only a service that
 * cannot answer (no connection, a timeout, a 5xx) is "unreachable", where the configured failure mode
 * applies; a service that answers with a refusal is never read as an outage. A throttled check (429:
 * someone asked too often about this person's passwords) refuses the password and says when to try
 * again; any other refusal (401, 403, 400...) refuses it with a plain message, and is logged and
 * audited. Otherwise, before this, the 20th attempt of a password the throttle stopped was saved.
 *
 * @param verdict the policy service's answer, or null when it gave none
 * @param failure why there is no verdict
 * @param status the refusal's HTTP status (0 when none)
 * @param retryAfterSeconds a throttle's {@code Retry-After}, or -1
 */
record PasswordCheck(Answers.PasswordVerdict verdict, Failure failure, int status, long retryAfterSeconds) {

    enum Failure { NONE, UNREACHABLE, THROTTLED, REFUSED }

    static PasswordCheck answered(Answers.PasswordVerdict verdict) {
        return new PasswordCheck(verdict, Failure.NONE, 0, -1);
    }

    static PasswordCheck failed(RuntimeException e) {
        if (e instanceof PolicyServiceRejection rejected) {
            return new PasswordCheck(null, rejected.throttled() ? Failure.THROTTLED : Failure.REFUSED,
                    rejected.status(), rejected.retryAfterSeconds());
        }
        return new PasswordCheck(null, Failure.UNREACHABLE, e instanceof PolicyServiceException u ? u.status() : 0, -1);
    }

    /** The password policy's answer: null lets the password be saved. */
    PolicyError policyError(boolean failsClosed) {
        return switch (failure) {
            case NONE -> verdict.blocked() ? PasswordMessages.error(verdict) : null;
            case UNREACHABLE -> failsClosed ? new PolicyError("portcullisUnavailable") : null;
            case THROTTLED -> new PolicyError("portcullisPasswordThrottled", minutesToWait());
            case REFUSED -> new PolicyError("portcullisPasswordCheckRefused");
        };
    }

    /** Whole minutes until the throttle lets this person's passwords be checked again (60 when unsaid). */
    long minutesToWait() {
        return retryAfterSeconds < 0 ? 60 : Math.max(1, (retryAfterSeconds + 59) / 60);
    }

    boolean refused() {
        return failure == Failure.THROTTLED || failure == Failure.REFUSED;
    }
}
