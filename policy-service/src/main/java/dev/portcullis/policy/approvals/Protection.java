package dev.portcullis.policy.approvals;

import dev.portcullis.policy.policies.Binding;
import dev.portcullis.policy.policies.ConsoleRolesPolicy;
import dev.portcullis.policy.policies.NamedPolicy;
import dev.portcullis.policy.policies.PolicyResolver;
import dev.portcullis.policy.subjects.SubjectFacts;
import dev.portcullis.policy.subjects.SubjectState;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Pure: whether changing a person's factors needs a second admin, and why. A person is protected when
 * they hold a console role, when a policy of their groups or roles binds factors only with an access
 * pass, or when nobody knows yet (never seen in a login): a caller could otherwise name a new
 * treasury hire before their first sign-in. Policies that apply to one client only (the wallet
 * administration) protect nobody by themselves: they would make everyone a protected person. Once
 * protected, always protected ({@code protectedAt}): a later decision's narrower facts, reported by
 * another service or made up, do not lift four eyes.
 */
public final class Protection {

    private Protection() {
    }

    public static Optional<String> why(Optional<SubjectState> state, Collection<NamedPolicy> policies) {
        if (state.isEmpty() || state.get().facts == null) {
            return Optional.of("nobody knows this person's groups and roles yet");
        }
        Optional<String> now = byFacts(SubjectFacts.parse(state.get().facts), policies);
        if (now.isPresent() || state.get().protectedAt == null) {
            return now;
        }
        return Optional.of("this person was seen with a console role or under a pass-only policy ("
                + state.get().protectedAt + "), and stays protected");
    }

    /** Why these groups and roles make a person protected, if they do. */
    public static Optional<String> byFacts(SubjectFacts facts, Collection<NamedPolicy> policies) {
        if (ConsoleRolesPolicy.covers(facts.roles())) {
            return Optional.of("this person has a console role");
        }
        List<String> strict = PolicyResolver.applying(policies, facts.groupSet(), facts.roleSet(), false).stream()
                .filter(p -> p.document().mfa().binding() == Binding.PASS).map(NamedPolicy::name).toList();
        if (!strict.isEmpty()) {
            return Optional.of("policy " + String.join(", ", strict) + " binds factors only with an access pass");
        }
        return Optional.empty();
    }
}
