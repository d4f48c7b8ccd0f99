package dev.portcullis.policy.console;

import dev.portcullis.policy.policies.GroupPaths;
import dev.portcullis.policy.policies.NamedPolicy;
import dev.portcullis.policy.policies.PolicyResolver;
import dev.portcullis.policy.policies.ResolvedPolicy;
import io.quarkus.qute.TemplateData;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * MFA coverage as the dashboard shows it, computed from the known subjects and today's policies:
 * enrolled out of total (overall and per group, a group counting the people of its subgroups), who is past the enrolment deadline and who is due
 * within a week, and how enrolment grew day by day.
 */
@TemplateData
public record Compliance(Coverage overall, List<Coverage> byGroup, List<Coverage> byMethod, List<Due> overdue,
        List<Due> dueSoon, List<DayCount> enrolledByDay) {

    /** The kinds of second factor, as {@link #byMethod} names them. */
    static final String TOTP = "totp";
    static final String SECURITY_KEY = "security-key";
    static final String PASSKEY = "passkey";
    static final String NONE = "none";

    static final int DUE_SOON_DAYS = 7;
    static final int CHART_DAYS = 30;

    /** Enrolled out of total for everyone, or for one group. */
    @TemplateData
    public record Coverage(String name, long enrolled, long total) {

        public int percent() {
            return total == 0 ? 0 : (int) Math.floorDiv(enrolled * 100, total);
        }
    }

    /** A subject that must enrol, and by when. */
    @TemplateData
    public record Due(String subject, Instant enrolBy, long days) {
    }

    /** How many subjects were enrolled at the end of a day. */
    @TemplateData
    public record DayCount(LocalDate day, long enrolled) {
    }

    public static Compliance of(List<KnownSubjects.Known> subjects, List<NamedPolicy> policies, Instant now) {
        long enrolled = subjects.stream().filter(KnownSubjects.Known::enrolled).count();
        Map<String, long[]> groups = new TreeMap<>();
        List<Due> overdue = new ArrayList<>();
        List<Due> dueSoon = new ArrayList<>();
        Instant soon = now.plus(DUE_SOON_DAYS, ChronoUnit.DAYS);
        for (KnownSubjects.Known s : subjects) {
            for (String group : withParents(s.facts().groups())) {
                long[] counts = groups.computeIfAbsent(group, g -> new long[2]);
                counts[0] += s.enrolled() ? 1 : 0;
                counts[1]++;
            }
            if (s.enrolled()) {
                continue;
            }
            ResolvedPolicy policy = PolicyResolver.resolve(policies, s.facts().groupSet(), s.facts().roleSet(),
                    s.facts().client(), s.firstSeen());
            if (!policy.mfaRequired()) {
                continue;
            }
            long days = ChronoUnit.DAYS.between(now, policy.enrolBy());
            if (!policy.enrolBy().isAfter(now)) {
                overdue.add(new Due(s.subject(), policy.enrolBy(), -days));
            } else if (policy.enrolBy().isBefore(soon)) {
                dueSoon.add(new Due(s.subject(), policy.enrolBy(), days));
            }
        }
        overdue.sort(Comparator.comparing(Due::enrolBy));
        dueSoon.sort(Comparator.comparing(Due::enrolBy));
        List<Coverage> byGroup = groups.entrySet().stream()
                .map(e -> new Coverage(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
        return new Compliance(new Coverage("everyone", enrolled, subjects.size()), byGroup, byMethod(subjects),
                overdue, dueSoon, enrolledByDay(subjects, now));
    }

    /**
     * The groups a person counts in: each of theirs and every group above it, once, since a group's
     * policy covers its subgroups ({@link GroupPaths}): a member of {@code /treasury/payments} counts
     * in {@code /treasury} too.
     */
    static Set<String> withParents(List<String> groups) {
        Set<String> all = new TreeSet<>();
        groups.forEach(group -> all.addAll(GroupPaths.selfAndAncestors(group)));
        return all;
    }

    /** How many people have each kind of second factor (someone with two counts in both), and none. */
    static List<Coverage> byMethod(List<KnownSubjects.Known> subjects) {
        long totp = subjects.stream().filter(s -> s.enrolledAt() != null).count();
        long keys = subjects.stream().filter(s -> s.facts().webauthn()).count();
        long passkeys = subjects.stream().filter(s -> s.facts().passkey()).count();
        long none = subjects.stream().filter(s -> !s.enrolled()).count();
        long total = subjects.size();
        return List.of(new Coverage(TOTP, totp, total), new Coverage(SECURITY_KEY, keys, total),
                new Coverage(PASSKEY, passkeys, total), new Coverage(NONE, none, total));
    }

    /** Cumulative enrolments at the end of each of the last {@link #CHART_DAYS} days (UTC), today last. */
    static List<DayCount> enrolledByDay(List<KnownSubjects.Known> subjects, Instant now) {
        long[] enrolments = subjects.stream().map(KnownSubjects.Known::enrolledAt).filter(java.util.Objects::nonNull)
                .mapToLong(Instant::toEpochMilli).sorted().toArray();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<DayCount> days = new ArrayList<>();
        for (int back = CHART_DAYS - 1; back >= 0; back--) {
            LocalDate day = today.minusDays(back);
            long end = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            days.add(new DayCount(day, before(enrolments, end)));
        }
        return days;
    }

    /** How many of the sorted {@code times} are earlier than {@code end}. */
    private static long before(long[] times, long end) {
        int index = java.util.Arrays.binarySearch(times, end);
        if (index < 0) {
            return -index - 1L;
        }
        while (index > 0 && times[index - 1] == end) {
            index--;
        }
        return index;
    }
}
