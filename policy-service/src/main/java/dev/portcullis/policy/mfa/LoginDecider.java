package dev.portcullis.policy.mfa;

import dev.portcullis.policy.policies.Binding;
import dev.portcullis.policy.policies.Method;
import dev.portcullis.policy.policies.ResolvedPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pure: from the resolved policy and what the subject has enrolled, the action for this login.
 * Fails closed: once a requirement's deadline has passed there is no answer but ENROL or VERIFY.
 */
public final class LoginDecider {

    private LoginDecider() {
    }

    /**
     * @param enrolled methods the subject can use now: TOTP as the service knows it, WebAuthn as the
     *                 caller (Keycloak) reports it
     */
    public static Decision decide(ResolvedPolicy policy, Set<Method> enrolled, Instant lockedUntil, Instant now) {
        return decide(policy, enrolled, lockedUntil, null, now);
    }

    /**
     * @param factorRemovedAt when a key of the subject was found removed (null: none since they last
     *                        proved an accepted factor): grace ends then, so that removing one's last
     *                        factor never buys the password alone a few more weeks
     */
    public static Decision decide(ResolvedPolicy policy, Set<Method> enrolled, Instant lockedUntil,
            Instant factorRemovedAt, Instant now) {
        return decide(policy, enrolled, lockedUntil, factorRemovedAt, false, now);
    }

    /**
     * @param boundBefore the subject had a second factor at some time: if they have none now, the
     *                    next is bound with an access pass ({@link BindingRule})
     */
    public static Decision decide(ResolvedPolicy policy, Set<Method> enrolled, Instant lockedUntil,
            Instant factorRemovedAt, boolean boundBefore, Instant now) {
        Map<String, Binding> bindWith = new LinkedHashMap<>();
        for (Method method : Method.values()) {
            bindWith.put(method.name().toLowerCase(java.util.Locale.ROOT),
                    BindingRule.needed(policy.binding(method), !enrolled.isEmpty(), boundBefore));
        }
        return action(policy, enrolled, lockedUntil, factorRemovedAt, now).bindingWith(bindWith);
    }

    private static Decision action(ResolvedPolicy policy, Set<Method> enrolled, Instant lockedUntil,
            Instant factorRemovedAt, Instant now) {
        if (lockedUntil != null && lockedUntil.isAfter(now)) {
            return new Decision(Decision.Action.DENY, List.of(), null, null, policy.mfaPolicy(),
                    List.of("locked after too many failed attempts until " + lockedUntil));
        }
        EnumSet<Method> usable = enrolled.isEmpty() ? EnumSet.noneOf(Method.class) : EnumSet.copyOf(enrolled);
        if (!policy.mfaRequired()) {
            if (!usable.isEmpty()) {
                return new Decision(Decision.Action.VERIFY, List.copyOf(usable), null, null, policy.mfaPolicy(),
                        List.of("MFA is not required, but an enrolled factor is always asked for"));
            }
            return new Decision(Decision.Action.ALLOW, List.of(), null, null, policy.mfaPolicy(),
                    List.of("no matching policy requires MFA"));
        }
        EnumSet<Method> accepted = EnumSet.copyOf(usable);
        accepted.retainAll(policy.methods());
        if (accepted.isEmpty()) {
            // a factor stronger than any the policy names satisfies it: a key where TOTP is asked
            usable.stream().filter(m -> policy.methods().stream().allMatch(p -> m.compareTo(p) > 0))
                    .forEach(accepted::add);
        }
        if (!accepted.isEmpty()) {
            return new Decision(Decision.Action.VERIFY, List.copyOf(accepted), null, null, policy.mfaPolicy(),
                    List.of("policy '" + policy.mfaPolicy() + "' requires MFA"));
        }
        String missing = "policy '" + policy.mfaPolicy() + "' requires MFA with " + names(policy.methods());
        Instant enrolBy = policy.enrolBy();
        String due;
        if (factorRemovedAt != null && factorRemovedAt.isBefore(enrolBy)) {
            enrolBy = factorRemovedAt;
            due = "a security key was removed at " + factorRemovedAt + ": no grace period";
        } else {
            due = now.isBefore(enrolBy) ? "enrolment due by " + enrolBy : "the enrolment deadline " + enrolBy + " has passed";
        }
        boolean graceRunning = now.isBefore(enrolBy);
        long daysLeft = graceRunning ? daysLeft(now, enrolBy) : 0L;
        if (!usable.isEmpty()) {
            // a factor they have comes first: grace never lowers what they prove, and a phished
            // password alone never adds a factor to an account that has one
            return new Decision(Decision.Action.VERIFY, List.copyOf(usable), enrolBy, daysLeft,
                    policy.mfaPolicy(), List.of(missing, due, "an enrolled factor is asked for first"),
                    graceRunning ? Decision.Action.ENROL_OPTIONAL : Decision.Action.ENROL, policy.methods());
        }
        return new Decision(graceRunning ? Decision.Action.ENROL_OPTIONAL : Decision.Action.ENROL, policy.methods(),
                enrolBy, daysLeft, policy.mfaPolicy(), List.of(missing, due));
    }

    /** Whole days left, rounded up: 1 on the last day. */
    static long daysLeft(Instant now, Instant deadline) {
        long millis = Duration.between(now, deadline).toMillis();
        return Math.max(1, (millis + Duration.ofDays(1).toMillis() - 1) / Duration.ofDays(1).toMillis());
    }

    private static String names(List<Method> methods) {
        return String.join(" or ", methods.stream().map(m -> m.name().toLowerCase(java.util.Locale.ROOT)).toList());
    }
}
