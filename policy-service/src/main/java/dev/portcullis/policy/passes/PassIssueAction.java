package dev.portcullis.policy.passes;

import dev.portcullis.policy.approvals.ApprovedAction;
import dev.portcullis.policy.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/** An access pass for a person, issued once approved where four eyes apply: shown to the approver. */
@ApplicationScoped
public class PassIssueAction implements ApprovedAction {

    public static final String ID = "access-pass";

    @Inject
    AccessPasses passes;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Object perform(String subject, Map<String, Object> parameters, Caller approver) {
        Object minutes = parameters.get("lifetimeMinutes");
        Object single = parameters.get("singleUse");
        return passes.issue(subject, new PassRequest(minutes instanceof Number n ? n.intValue() : null,
                single instanceof Boolean b ? b : null), approver);
    }

    public static Map<String, Object> parameters(PassRequest request) {
        return Map.of("lifetimeMinutes", request.minutes(), "singleUse", request.single());
    }
}
