package dev.portcullis.policy.mfa;

import dev.portcullis.policy.policies.Method;
import dev.portcullis.policy.policies.PolicyResolver;
import dev.portcullis.policy.policies.PolicyStore;
import dev.portcullis.policy.policies.ResolvedPolicy;
import dev.portcullis.policy.problem.ApiProblem;
import dev.portcullis.policy.subjects.SubjectFacts;
import dev.portcullis.policy.subjects.SubjectRegistry;
import dev.portcullis.policy.subjects.SubjectState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Answers login decisions: resolve the policies, look at the subject's factors, decide. */
@ApplicationScoped
public class DecisionService {

    private final SubjectRegistry subjects;
    private final PolicyStore policies;

    @Inject
    public DecisionService(SubjectRegistry subjects, PolicyStore policies) {
        this.subjects = subjects;
        this.policies = policies;
    }

    public Decision decide(DecisionRequest request) {
        String subject = SubjectRegistry.parse("subject", request.subject());
        EnumSet<Method> reported = reportedMethods(request.enrolledMethods());
        SubjectState state = subjects.seen(subject);
        subjects.remember(state, new SubjectFacts(request.groups(), request.roles(), request.client(),
                reported.contains(Method.WEBAUTHN)));
        Instant now = Instant.now();
        ResolvedPolicy policy = PolicyResolver.resolve(policies.current(), new HashSet<>(request.groups()),
                Set.copyOf(request.roles()), request.client(), state.firstSeenAt);
        // TOTP is known here; WebAuthn lives in the caller (Keycloak), which reports it.
        reported.remove(Method.TOTP);
        if (state.totpEnrolled()) {
            reported.add(Method.TOTP);
        }
        return LoginDecider.decide(policy, reported, state.lockedUntil, now);
    }

    static EnumSet<Method> reportedMethods(List<String> values) {
        EnumSet<Method> methods = EnumSet.noneOf(Method.class);
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if ("webauthn".equals(value)) {
                methods.add(Method.WEBAUTHN);
            } else if (!"totp".equals(value)) {
                throw ApiProblem.invalidField("enrolledMethods[" + i + "]", "must be totp or webauthn");
            }
        }
        return methods;
    }
}
