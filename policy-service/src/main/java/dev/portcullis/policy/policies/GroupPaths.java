package dev.portcullis.policy.policies;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pure: groups as Keycloak reports them (full paths: {@code /treasury/payments}) against groups as
 * policies name them ({@code treasury} or {@code /treasury}). A policy's group covers its members and
 * the members of every group below it ({@code /treasury/payments}, {@code /treasury/payments/eu}),
 * never a sibling that merely shares a prefix ({@code /treasury-archive}). Names compare exactly, case
 * included, as Keycloak's own paths do; one leading slash and any trailing slashes do not count. A
 * name that is nothing but slashes covers nobody.
 */
public final class GroupPaths {

    private GroupPaths() {
    }

    /** {@code /treasury/payments/} and {@code treasury/payments} are both {@code treasury/payments}. */
    static String normalise(String group) {
        String name = group.startsWith("/") ? group.substring(1) : group;
        int end = name.length();
        while (end > 0 && name.charAt(end - 1) == '/') {
            end--;
        }
        return name.substring(0, end);
    }

    /** Whether a policy naming {@code policyGroup} applies to a member of {@code group}. */
    public static boolean covers(String policyGroup, String group) {
        return how(policyGroup, group).isPresent();
    }

    /**
     * How a policy naming {@code policyGroup} covers a member of {@code group}: {@link Coverage#MEMBER}
     * (the group itself) or {@link Coverage#SUBGROUP} (a group below it); empty when it does not.
     */
    public static Optional<Coverage> how(String policyGroup, String group) {
        String named = normalise(policyGroup);
        String path = normalise(group);
        if (named.isEmpty() || path.isEmpty()) {
            return Optional.empty();
        }
        if (path.equals(named)) {
            return Optional.of(Coverage.MEMBER);
        }
        return path.startsWith(named + "/") ? Optional.of(Coverage.SUBGROUP) : Optional.empty();
    }

    /**
     * The group and every group above it, top first, as the path was written ({@code /a/b} gives
     * {@code /a}, {@code /a/b}); trailing slashes dropped, nothing for a path of slashes alone.
     */
    public static List<String> selfAndAncestors(String group) {
        String prefix = group.startsWith("/") ? "/" : "";
        String path = normalise(group);
        List<String> paths = new ArrayList<>();
        if (path.isEmpty()) {
            return paths;
        }
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            if (slash > 0 && path.charAt(slash - 1) != '/') {
                paths.add(prefix + path.substring(0, slash));
            }
        }
        paths.add(prefix + path);
        return paths;
    }

    /** How a policy's group reaches a person. */
    public enum Coverage {
        /** The person is in the group the policy names. */
        MEMBER,
        /** The person is in a group below it: the policy covers subgroups. */
        SUBGROUP
    }
}
