package dev.portcullis.policy.console;

import dev.portcullis.policy.policies.GroupPaths;
import dev.portcullis.policy.policies.NamedPolicy;
import dev.portcullis.policy.policies.ResolvedPolicy;
import io.quarkus.qute.TemplateData;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * MFA coverage as the dashboard shows it, computed from the known subjects and today's policies:
 * enrolled out of total (overall, per group, a group counting the people of its subgroups, and per kind
 * of factor), who is past the enrolment
 * deadline and who is due within a week, and how enrolment grew day by day. Subjects are folded in
 * one at a time ({@link Tally}), so the memory it takes does not grow with their number: the chart is
 * 30 counters (its column comes with every subject read anyway, so one pass counts all), the lists
 * of people keep the {@link #LISTED} earliest deadlines with the total, and the groups those that a
 * policy names and the first {@link #LISTED} others by name.
 */
@TemplateData
public record Compliance(Coverage overall, List<Coverage> byGroup, boolean moreGroups, List<Coverage> byMethod,
        List<Due> overdue, long overdueTotal, List<Due> dueSoon, long dueSoonTotal, List<DayCount> enrolledByDay) {

    /** The kinds of second factor, as {@link #byMethod} names them. */
    static final String TOTP = "totp";
    static final String SECURITY_KEY = "security-key";
    static final String PASSKEY = "passkey";
    static final String NONE = "none";

    static final int DUE_SOON_DAYS = 7;
    static final int CHART_DAYS = 30;
    /** The most people (and groups beside those of policies) the dashboard lists. */
    public static final int LISTED = 100;

    /** Enrolled out of total for everyone, or for one group. */
    @TemplateData
    public record Coverage(String name, long enrolled, long total) {

        public int percent() {
            return total == 0 ? 0 : (int) Math.floorDiv(enrolled * 100, total);
        }
    }

    /** A subject that must enrol, and by when; {@code name}: their login name now (or their key). */
    @TemplateData
    public record Due(String subject, Instant enrolBy, long days, String name) {

        public Due(String subject, Instant enrolBy, long days) {
            this(subject, enrolBy, days, subject);
        }
    }

    /** How many subjects were enrolled at the end of a day. */
    @TemplateData
    public record DayCount(LocalDate day, long enrolled) {
    }

    /** How many people past their deadline the list leaves out (it keeps {@link #LISTED}). */
    public long overdueNotShown() {
        return overdueTotal - overdue.size();
    }

    /** How many people due within a week the list leaves out. */
    public long dueSoonNotShown() {
        return dueSoonTotal - dueSoon.size();
    }

    /** The figures of {@code subjects}, held in memory: for tests and small sets. */
    public static Compliance of(List<KnownSubjects.Known> subjects, List<NamedPolicy> policies, Instant now) {
        Tally tally = new Tally(policies, now, LISTED);
        subjects.forEach(tally::add);
        return tally.result();
    }

    /** The dashboard's figures: every known subject, a page at a time. */
    public static Compliance of(KnownSubjects known, List<NamedPolicy> policies, Instant now) {
        Tally tally = new Tally(policies, now, LISTED);
        known.forEach(tally::add);
        return tally.result();
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

    /** The end of each of the last {@link #CHART_DAYS} days (UTC), today last. */
    static Instant[] dayEnds(Instant now) {
        LocalDate first = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(CHART_DAYS - 1);
        Instant[] ends = new Instant[CHART_DAYS];
        for (int i = 0; i < CHART_DAYS; i++) {
            ends[i] = first.plusDays(i + 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return ends;
    }

    /** The figures so far of the subjects added one by one; memory bounded by {@code listed} and the policies. */
    static final class Tally {

        private final Resolutions resolutions;
        private final Instant now;
        private final Instant soon;
        private final GroupCoverage groups;
        private final Shortlist overdue;
        private final Shortlist dueSoon;
        private final Instant[] dayEnds;
        /** TOTP enrolments by the first day whose end is after them: cumulated, the chart. */
        private final long[] firstCountedOn;
        private long total;
        private long enrolled;
        private long totp;
        private long keys;
        private long passkeys;

        Tally(List<NamedPolicy> policies, Instant now, int listed) {
            PolicyScope scope = new PolicyScope(policies);
            this.resolutions = new Resolutions(policies, scope);
            this.now = now;
            this.soon = now.plus(DUE_SOON_DAYS, ChronoUnit.DAYS);
            this.groups = new GroupCoverage(scope, listed);
            this.overdue = new Shortlist(listed);
            this.dueSoon = new Shortlist(listed);
            this.dayEnds = dayEnds(now);
            this.firstCountedOn = new long[dayEnds.length];
        }

        void add(KnownSubjects.Known s) {
            boolean isEnrolled = s.enrolled();
            total++;
            enrolled += isEnrolled ? 1 : 0;
            if (s.enrolledAt() != null) {
                totp++;
                chart(s.enrolledAt());
            }
            keys += s.facts().webauthn() ? 1 : 0;
            passkeys += s.facts().passkey() ? 1 : 0;
            for (String group : withParents(s.facts().groups())) {
                groups.add(group, isEnrolled);
            }
            if (isEnrolled) {
                return;
            }
            ResolvedPolicy policy = resolutions.of(s);
            if (!policy.mfaRequired()) {
                return;
            }
            long days = ChronoUnit.DAYS.between(now, policy.enrolBy());
            if (!policy.enrolBy().isAfter(now)) {
                overdue.add(new Due(s.subject(), policy.enrolBy(), -days, s.name()));
            } else if (policy.enrolBy().isBefore(soon)) {
                dueSoon.add(new Due(s.subject(), policy.enrolBy(), days, s.name()));
            }
        }

        /** Counts {@code enrolled} from the first day whose end comes after it (found by halving) on. */
        private void chart(Instant enrolled) {
            int low = 0;
            int high = dayEnds.length;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (enrolled.isBefore(dayEnds[middle])) {
                    high = middle;
                } else {
                    low = middle + 1;
                }
            }
            if (low < dayEnds.length) {
                firstCountedOn[low]++;
            }
        }



        Compliance result() {
            List<DayCount> days = new ArrayList<>(dayEnds.length);
            long enrolledBy = 0;
            for (int i = 0; i < dayEnds.length; i++) {
                enrolledBy += firstCountedOn[i];
                days.add(new DayCount(LocalDate.ofInstant(dayEnds[i], ZoneOffset.UTC).minusDays(1), enrolledBy));
            }
            List<Coverage> byMethod = List.of(new Coverage(TOTP, totp, total), new Coverage(SECURITY_KEY, keys, total),
                    new Coverage(PASSKEY, passkeys, total), new Coverage(NONE, total - enrolled, total));
            return new Compliance(new Coverage("everyone", enrolled, total), groups.coverage(), groups.more(),
                    byMethod, overdue.shown(), overdue.total(), dueSoon.shown(), dueSoon.total(), days);
        }
    }
}
