package dev.portcullis.policy.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Enrolled out of total per group, in memory that does not grow with the people or their groups:
 * exact for every group a policy names and for the first {@code limit} other group names in order.
 * A name is left out only once {@code limit} smaller names were seen, and those stay, so a name kept
 * at the end was kept from its first sighting and its counts are exact.
 */
final class GroupCoverage {

    private final PolicyScope scope;
    private final int limit;
    private final TreeMap<String, long[]> named = new TreeMap<>();
    private final TreeMap<String, long[]> first = new TreeMap<>();
    private String last;
    private boolean more;

    GroupCoverage(PolicyScope scope, int limit) {
        this.scope = scope;
        this.limit = limit;
    }

    void add(String group, boolean enrolled) {
        if (scope.names(group)) {
            count(named, group, enrolled);
            return;
        }
        if (first.size() >= limit && group.compareTo(last) > 0) {
            more = true;
            return;
        }
        if (!first.containsKey(group) && first.size() >= limit) {
            first.pollLastEntry();
            more = true;
        }
        count(first, group, enrolled);
        last = first.lastKey();
    }

    private static void count(Map<String, long[]> counts, String group, boolean enrolled) {
        long[] c = counts.computeIfAbsent(group, g -> new long[2]);
        c[0] += enrolled ? 1 : 0;
        c[1]++;
    }

    /** Every group a policy names and the first others, by name. */
    List<Compliance.Coverage> coverage() {
        TreeMap<String, long[]> all = new TreeMap<>(first);
        all.putAll(named);
        List<Compliance.Coverage> coverage = new ArrayList<>(all.size());
        all.forEach((group, c) -> coverage.add(new Compliance.Coverage(group, c[0], c[1])));
        return coverage;
    }

    /** Whether people are in groups that {@link #coverage} leaves out. */
    boolean more() {
        return more;
    }
}
