package dev.portcullis.policy.mfa;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.portcullis.policy.policies.Binding;
import dev.portcullis.policy.policies.Method;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The answer to "what must this person do to log in?". {@code changePassword} names the other
 * services that hold the password the calling service holds for this person, where the policy blocks
 * reuse: the caller has the person change it, without sending the password again.
 * <p>
 * {@code then} and {@code enrolMethods} are set when a person must prove a factor they have
 * ({@code action} VERIFY with {@code methods}) and then set up one the policy now demands: ENROL
 * after the deadline, ENROL_OPTIONAL (a reminder) during the grace period, until {@code enrolBy}.
 * A grace period never lowers what a person proves, and nobody adds a factor on the strength of a
 * password alone when they already have one.
 * <p>
 * {@code bindWith} says, for each method ({@code totp}, {@code webauthn}), what binding a new factor of
 * it takes for this person ({@link BindingRule}): the password ({@code password}: a first factor,
 * where the policies allow it), a factor the person has and proves first ({@code factor}), or an
 * access pass ({@code pass}). Whoever enforces the decision shows no registration page to anyone who
 * has not given that.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Decision(Action action, List<Method> methods, Instant enrolBy, Long daysLeft, String policy,
        List<String> reasons, Action then, List<Method> enrolMethods, List<String> changePassword, Boolean settled,
        Map<String, Binding> bindWith) {

    public Decision(Action action, List<Method> methods, Instant enrolBy, Long daysLeft, String policy,
            List<String> reasons) {
        this(action, methods, enrolBy, daysLeft, policy, reasons, null, null, null, null, null);
    }

    public Decision(Action action, List<Method> methods, Instant enrolBy, Long daysLeft, String policy,
            List<String> reasons, Action then, List<Method> enrolMethods) {
        this(action, methods, enrolBy, daysLeft, policy, reasons, then, enrolMethods, null, null, null);
    }

    /** The same decision, saying what binding a new factor takes in this login. */
    Decision bindingWith(Map<String, Binding> binding) {
        return new Decision(action, methods, enrolBy, daysLeft, policy, reasons, then, enrolMethods, changePassword,
                settled, binding);
    }

    /**
     * This decision as a preview ({@code ?preview=true}) answers it: {@code settled} when taking it
     * for real would record nothing and answer the same; otherwise the caller asks again, without
     * preview, once the person has proven their password.
     */
    Decision previewed(Boolean isSettled) {
        return new Decision(action, methods, enrolBy, daysLeft, policy, reasons, then, enrolMethods, changePassword,
                isSettled, bindWith);
    }

    /**
     * The same decision, telling the caller that its password for this person is in use at
     * {@code services} too (where the policy blocks reuse): the person must change it.
     */
    Decision withPasswordReusedAt(List<String> services) {
        return services.isEmpty() ? this
                : new Decision(action, methods, enrolBy, daysLeft, policy, reasons, then, enrolMethods,
                        List.copyOf(services), settled, bindWith);
    }

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
