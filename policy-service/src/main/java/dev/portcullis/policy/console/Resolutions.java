package dev.portcullis.policy.console;

import dev.portcullis.policy.policies.NamedPolicy;
import dev.portcullis.policy.policies.PolicyResolver;
import dev.portcullis.policy.policies.ResolvedPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The policies that apply to each of many people, resolved once for everyone alike in what the
 * policies name ({@link PolicyScope}) and then dated by when each was first seen. Remembers at most
 * {@link #REMEMBERED} kinds of people; past that it resolves each one afresh, with the same result.
 */
final class Resolutions {

    static final int REMEMBERED = 4096;

    private record Kind(Set<String> groups, Set<String> roles, String client) {
    }

    private final List<NamedPolicy> policies;
    private final PolicyScope scope;
    private final Map<Kind, PolicyResolver.Matched> matched = new HashMap<>();

    Resolutions(List<NamedPolicy> policies, PolicyScope scope) {
        this.policies = List.copyOf(policies);
        this.scope = scope;
    }

    /** What {@link PolicyResolver#resolve} gives for this person's facts and first sighting. */
    ResolvedPolicy of(KnownSubjects.Known s) {
        Kind kind = new Kind(scope.groupsIn(s.facts().groups()), scope.rolesIn(s.facts().roles()),
                scope.clientIn(s.facts().client()));
        PolicyResolver.Matched match = matched.get(kind);
        if (match == null) {
            match = PolicyResolver.match(policies, kind.groups(), kind.roles(), kind.client());
            if (matched.size() < REMEMBERED) {
                matched.put(kind, match);
            }
        }
        return match.at(s.firstSeen());
    }
}
