package dev.portcullis.policy.policies;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One policy that applies to a login, and why: the groups (a subgroup's member through the group
 * above it), roles and client that bring it in, in words an admin reads in the policy preview.
 */
public record PolicyMatch(String policy, List<String> because) {

    public PolicyMatch {
        because = List.copyOf(because);
    }

    static PolicyMatch of(PolicyDocument.AppliesTo appliesTo, String name, Set<String> groups, Set<String> roles,
            String client) {
        List<String> because = new ArrayList<>();
        if (appliesTo.groups().isEmpty() && appliesTo.roles().isEmpty()) {
            because.add("applies to everyone");
        }
        for (String named : appliesTo.groups()) {
            for (String group : new TreeSet<>(groups)) {
                GroupPaths.how(named, group).ifPresent(how -> because.add(how == GroupPaths.Coverage.MEMBER
                        ? "member of group " + group
                        : "member of group " + group + ", covered through its " + above(named, group) + " "
                                + named + " (a group's policy covers every subgroup below it)"));
            }
        }
        appliesTo.roles().stream().filter(roles::contains).forEach(role -> because.add("role " + role));
        if (!appliesTo.clients().isEmpty()) {
            because.add("signing in to client " + client);
        }
        return new PolicyMatch(name, because);
    }

    /** {@code parent group} one level up, {@code ancestor group} further. */
    private static String above(String named, String group) {
        String rest = GroupPaths.normalise(group).substring(GroupPaths.normalise(named).length() + 1);
        return rest.contains("/") ? "ancestor group" : "parent group";
    }
}
