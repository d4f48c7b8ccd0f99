package dev.portcullis.policy.console;

import dev.portcullis.policy.policies.ConsoleRolesPolicy;
import dev.portcullis.policy.policies.GroupPaths;
import dev.portcullis.policy.policies.NamedPolicy;
import dev.portcullis.policy.policies.PolicyResolver;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The groups, roles and clients that some policy names. A person's others change nothing that
 * applies to them, so the console resolves policies over these alone: a person planted with hundreds
 * of groups costs the resolver no more than one with two, and people alike in these share one
 * resolution ({@link Resolutions}).
 */
final class PolicyScope {

    /** Each named group as a policy may write it and as Keycloak reports it: {@code eng} and {@code /eng}. */
    private final Set<String> groups = new HashSet<>();
    /** The longest of {@link #groups}: a longer name is not looked up (made-up names are often long). */
    private int longestGroup = -1;
    private final Set<String> roles = new HashSet<>(ConsoleRolesPolicy.ROLES);
    private final Set<String> clients = new HashSet<>();

    PolicyScope(Collection<NamedPolicy> policies) {
        for (NamedPolicy policy : policies) {
            for (String group : policy.document().appliesTo().groups()) {
                String name = PolicyResolver.groupName(group);
                groups.add(name);
                groups.add("/" + name);
                longestGroup = Math.max(longestGroup, name.length() + 1);
            }
            roles.addAll(policy.document().appliesTo().roles());
            clients.addAll(policy.document().appliesTo().clients());
        }
    }

    /** {@code client} where some policy names it; else null, which matches the same policies. */
    String clientIn(String client) {
        return client != null && clients.contains(client) ? client : null;
    }

    /** Whether some policy names {@code group} (a path as Keycloak reports it, or a plain name). */
    boolean names(String group) {
        return group.length() <= longestGroup && groups.contains(group);
    }

    /**
     * Whether some policy covers {@code group}: names it or a group above it ({@link GroupPaths}: a
     * group's policy covers its subgroups).
     */
    boolean covers(String group) {
        if (names(group)) {
            return true;
        }
        for (String ancestor : GroupPaths.selfAndAncestors(group)) {
            if (names(ancestor)) {
                return true;
            }
        }
        return false;
    }

    /** Those of {@code groups} that some policy covers. */
    Set<String> groupsIn(List<String> groups) {
        return within(groups, this::covers);
    }

    /** Those of {@code roles} that some policy (or the console's built-in one) names. */
    Set<String> rolesIn(List<String> roles) {
        return within(roles, this.roles::contains);
    }

    private static Set<String> within(List<String> names, Predicate<String> named) {
        Set<String> kept = null;
        for (String name : names) {
            if (named.test(name)) {
                if (kept == null) {
                    kept = new HashSet<>();
                }
                kept.add(name);
            }
        }
        return kept == null ? Set.of() : kept;
    }
}
