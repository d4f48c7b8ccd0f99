package dev.portcullis.policy.console;

import dev.portcullis.policy.policies.NamedPolicy;
import dev.portcullis.policy.policies.PolicyDocument;
import dev.portcullis.policy.policies.ResolvedPolicy;
import io.quarkus.qute.TemplateData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What saving (or deleting) a policy would do to the known subjects, before it is done: how many
 * it applies to, how many would have to do something different at their next login, and how many
 * of those would have to enrol at once. Counted one subject at a time ({@link Tally}): four counters,
 * whatever the number of subjects.
 */
@TemplateData
public record PolicyPreview(long known, long appliesTo, long changed, long mustEnrolNow) {

    /** {@code proposed} null: the policy named {@code name} is deleted. Over subjects held in memory. */
    public static PolicyPreview of(List<KnownSubjects.Known> subjects, List<NamedPolicy> current, String name,
            PolicyDocument proposed, Instant now) {
        Tally tally = new Tally(current, name, proposed, now);
        subjects.forEach(tally::add);
        return tally.result();
    }

    /** {@code proposed} null: the policy named {@code name} is deleted. Over every known subject, a page at a time. */
    public static PolicyPreview of(KnownSubjects known, List<NamedPolicy> current, String name,
            PolicyDocument proposed, Instant now) {
        Tally tally = new Tally(current, name, proposed, now);
        known.forEach(tally::add);
        return tally.result();
    }

    /** The counts so far of the subjects added one by one. */
    static final class Tally {

        private final Resolutions current;
        private final Resolutions after;
        private final String name;
        private final Instant now;
        private long known;
        private long applies;
        private long changed;
        private long enrolNow;

        Tally(List<NamedPolicy> current, String name, PolicyDocument proposed, Instant now) {
            List<NamedPolicy> then = new ArrayList<>(current.stream().filter(p -> !p.name().equals(name)).toList());
            if (proposed != null) {
                then.add(new NamedPolicy(name, proposed));
            }
            List<NamedPolicy> both = new ArrayList<>(current);
            both.addAll(then);
            PolicyScope scope = new PolicyScope(both);
            this.current = new Resolutions(current, scope);
            this.after = new Resolutions(then, scope);
            this.name = name;
            this.now = now;
        }

        void add(KnownSubjects.Known s) {
            known++;
            ResolvedPolicy before = current.of(s);
            ResolvedPolicy then = after.of(s);
            if (then.matched().contains(name) || before.matched().contains(name)) {
                applies++;
            }
            if (!sameDemands(before, then)) {
                changed++;
                if (!s.enrolled() && mustEnrolAt(then, now) && !mustEnrolAt(before, now)) {
                    enrolNow++;
                }
            }
        }

        PolicyPreview result() {
            return new PolicyPreview(known, applies, changed, enrolNow);
        }
    }

    private static boolean mustEnrolAt(ResolvedPolicy policy, Instant now) {
        return policy.mfaRequired() && !policy.enrolBy().isAfter(now);
    }

    /** The same demands at login, whichever policies they came from. */
    static boolean sameDemands(ResolvedPolicy a, ResolvedPolicy b) {
        return a.mfaRequired() == b.mfaRequired() && a.methods().equals(b.methods())
                && Objects.equals(a.enrolBy(), b.enrolBy()) && a.reuse() == b.reuse()
                && a.variantReuse() == b.variantReuse() && a.breached() == b.breached()
                && a.minLength() == b.minLength();
    }
}
