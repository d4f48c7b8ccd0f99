package dev.portcullis.policy.credentials;

import dev.portcullis.policy.policies.Level;
import java.util.List;

/**
 * The verdict on a password: the strictest level among the findings decides the action.
 * {@code registered} answers a check that was asked to register the password too (null otherwise).
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record CheckResult(Action action, List<Finding> findings, String policy, Boolean registered) {

    public enum Action {
        ALLOW, WARN, BLOCK
    }

    static CheckResult of(List<Finding> findings, String policy) {
        Level strictest = Level.OFF;
        for (Finding finding : findings) {
            strictest = Level.strictest(strictest, finding.level());
        }
        Action action = switch (strictest) {
            case OFF -> Action.ALLOW;
            case WARN -> Action.WARN;
            case BLOCK -> Action.BLOCK;
        };
        return new CheckResult(action, List.copyOf(findings), policy, null);
    }

    /** The verdict as a service that is not the identity provider may learn it: no other service named. */
    CheckResult withoutServices() {
        return new CheckResult(action, findings.stream().map(Finding::withoutServices).toList(), policy, registered);
    }

    CheckResult registered(boolean registered) {
        return new CheckResult(action, findings, policy, registered);
    }
}
