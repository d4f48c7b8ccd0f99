package dev.portcullis.policy.policies;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Pure policy resolution. A policy matches when the user has one of its groups or roles (both
 * empty: everyone) and, where it names clients, the login is to one of them. Of all matches, the
 * strictest value of each field wins:
 * <ul>
 * <li>MFA is required if any match requires it;</li>
 * <li>methods: those every requiring match allows; if they share none, the strongest any allows;</li>
 * <li>the enrolment deadline is the earliest: for each requiring match, the later of its
 * {@code effectiveFrom} and the subject's first-seen time, plus its grace days;</li>
 * <li>each password level is the highest, and minLength the largest.</li>
 * </ul>
 * When nothing matches (the baseline was narrowed), the built-in baseline applies. People with a
 * console role always come under {@link ConsoleRolesPolicy}, whatever the stored policies say.
 */
public final class PolicyResolver {

    private PolicyResolver() {
    }

    public static ResolvedPolicy resolve(Collection<NamedPolicy> policies, Set<String> groups, Set<String> roles,
            String client, Instant firstSeen) {
        Set<String> userGroups = groups.stream().map(PolicyResolver::groupName).collect(Collectors.toSet());
        List<NamedPolicy> matched = policies.stream()
                .filter(p -> matches(p.document().appliesTo(), userGroups, roles, client))
                .sorted(Comparator.comparing(NamedPolicy::name))
                .collect(Collectors.toCollection(ArrayList::new));
        if (ConsoleRolesPolicy.covers(roles) && matched.stream().noneMatch(p -> ConsoleRolesPolicy.NAME.equals(p.name()))) {
            matched.add(ConsoleRolesPolicy.BUILT_IN);
        }
        if (matched.isEmpty()) {
            matched.add(new NamedPolicy(NamedPolicy.BASELINE, PolicyDocument.BASELINE));
        }
        List<NamedPolicy> requiring = matched.stream().filter(p -> p.document().mfa().required()).toList();
        NamedPolicy deciding = requiring.stream()
                .min(Comparator.comparing((NamedPolicy p) -> deadline(p.document().mfa(), firstSeen))
                        .thenComparing(NamedPolicy::name))
                .orElse(null);
        PolicyDocument.Passwords first = matched.get(0).document().passwords();
        Level reuse = first.reuse();
        Level variant = first.variantReuse();
        Level breached = first.breached();
        int minLength = first.minLength();
        for (NamedPolicy policy : matched) {
            PolicyDocument.Passwords p = policy.document().passwords();
            reuse = Level.strictest(reuse, p.reuse());
            variant = Level.strictest(variant, p.variantReuse());
            breached = Level.strictest(breached, p.breached());
            minLength = Math.max(minLength, p.minLength());
        }
        return new ResolvedPolicy(
                matched.stream().map(NamedPolicy::name).toList(),
                deciding != null,
                methods(requiring.isEmpty() ? matched : requiring),
                deciding == null ? null : deadline(deciding.document().mfa(), firstSeen),
                deciding == null ? matched.get(0).name() : deciding.name(),
                reuse, variant, breached, minLength);
    }

    static boolean matches(PolicyDocument.AppliesTo appliesTo, Set<String> groups, Set<String> roles, String client) {
        boolean everyone = appliesTo.groups().isEmpty() && appliesTo.roles().isEmpty();
        boolean member = everyone
                || appliesTo.groups().stream().map(PolicyResolver::groupName).anyMatch(groups::contains)
                || appliesTo.roles().stream().anyMatch(roles::contains);
        boolean clientMatches = appliesTo.clients().isEmpty() || (client != null && appliesTo.clients().contains(client));
        return member && clientMatches;
    }

    static Instant deadline(PolicyDocument.Mfa mfa, Instant firstSeen) {
        Instant start = firstSeen;
        if (mfa.effectiveFrom() != null) {
            Instant effective = mfa.effectiveFrom().atStartOfDay(ZoneOffset.UTC).toInstant();
            start = effective.isAfter(firstSeen) ? effective : firstSeen;
        }
        return start.plus(mfa.enrolmentGraceDays(), ChronoUnit.DAYS);
    }

    static List<Method> methods(List<NamedPolicy> policies) {
        EnumSet<Method> common = EnumSet.allOf(Method.class);
        EnumSet<Method> any = EnumSet.noneOf(Method.class);
        for (NamedPolicy policy : policies) {
            common.retainAll(policy.document().mfa().methods());
            any.addAll(policy.document().mfa().methods());
        }
        if (!common.isEmpty()) {
            return List.copyOf(common);
        }
        return any.isEmpty() ? List.of(Method.WEBAUTHN) : List.of(any.stream().max(Comparator.naturalOrder()).get());
    }

    /** Keycloak reports group paths ("/engineering"); policies may name "engineering" or the path. */
    static String groupName(String group) {
        return group.startsWith("/") ? group.substring(1) : group;
    }
}
