package dev.portcullis.policy.mfa;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.portcullis.policy.policies.Method;
import java.time.Instant;
import java.util.List;

/** The answer to "what must this person do to log in?". */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Decision(Action action, List<Method> methods, Instant enrolBy, Long daysLeft, String policy,
        List<String> reasons) {

    public enum Action {
        /** No MFA required. */
        ALLOW,
        /** Ask for a second factor (one of {@code methods}). */
        VERIFY,
        /** Grace period running: remind, let them continue. */
        ENROL_OPTIONAL,
        /** Deadline passed: enrol now, no way around. */
        ENROL,
        /** No login now (locked out). */
        DENY
    }
}
