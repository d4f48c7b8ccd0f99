package dev.portcullis.policy.console;

import dev.portcullis.policy.policies.NamedPolicy;
import dev.portcullis.policy.policies.PolicyDocument;
import dev.portcullis.policy.policies.PolicyResolver;
import dev.portcullis.policy.policies.ResolvedPolicy;
import io.quarkus.qute.TemplateData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What saving (or deleting) a policy would do to the known subjects, before it is done: how many
 * it applies to, how many would have to do something different at their next login, and how many
 * of those would have to enrol at once.
 */
@TemplateData
public record PolicyPreview(long known, long appliesTo, long changed, long mustEnrolNow) {

    /** {@code proposed} null: the policy named {@code name} is deleted. */
    public static PolicyPreview of(List<KnownSubjects.Known> subjects, List<NamedPolicy> current, String name,
            PolicyDocument proposed, Instant now) {
        List<NamedPolicy> after = new ArrayList<>(current.stream().filter(p -> !p.name().equals(name)).toList());
        if (proposed != null) {
            after.add(new NamedPolicy(name, proposed));
        }
        long applies = 0;
        long changed = 0;
        long enrolNow = 0;
        for (KnownSubjects.Known s : subjects) {
            ResolvedPolicy before = resolve(current, s);
            ResolvedPolicy then = resolve(after, s);
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
        return new PolicyPreview(subjects.size(), applies, changed, enrolNow);
    }

    private static ResolvedPolicy resolve(List<NamedPolicy> policies, KnownSubjects.Known s) {
        return PolicyResolver.resolve(policies, s.facts().groupSet(), s.facts().roleSet(), s.facts().client(),
                s.firstSeen());
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
