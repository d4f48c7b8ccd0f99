package dev.portcullis.policy.credentials;

import dev.portcullis.policy.policies.Level;
import java.util.List;

/** The verdict on a password: the strictest level among the findings decides the action. */
public record CheckResult(Action action, List<Finding> findings, String policy) {

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
        return new CheckResult(action, List.copyOf(findings), policy);
    }
}
