package dev.portcullis.policy.policies;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Pure policy resolution. A policy matches when the user has one of its roles or is in one of its
 * groups or a group below one ({@link GroupPaths}: {@code treasury} covers {@code /treasury/payments};
 * both lists empty: everyone) and, where it names clients, the login is to one of them. Of all matches, the
 * strictest value of each field wins:
 * <ul>
 * <li>MFA is required if any match requires it;</li>
 * <li>methods: those every requiring match allows; if they share none, the strongest any allows;</li>
 * <li>the enrolment deadline is the earliest: for each requiring match, the later of its
 * {@code effectiveFrom} and the subject's first-seen time, plus its grace days;</li>
 * <li>each password level is the highest, and minLength the largest;</li>
 * <li>binding a factor takes what the strictest policy of the person demands, method by method
 * ({@link #bindings}): unlike the other fields, whatever the client.</li>
 * </ul>
 * When nothing matches (the baseline was narrowed), the built-in baseline applies. People with a
 * console role always come under {@link ConsoleRolesPolicy}, whatever the stored policies say, and
 * bind a factor only with an access pass.
 */
public final class PolicyResolver {

    /** What applies when no policy matches (the stored baseline was narrowed or deleted). */
    static final NamedPolicy BUILT_IN_BASELINE = new NamedPolicy(NamedPolicy.BASELINE, PolicyDocument.BASELINE);

    private PolicyResolver() {
    }

    public static ResolvedPolicy resolve(Collection<NamedPolicy> policies, Set<String> groups, Set<String> roles,
            String client, Instant firstSeen) {
        return match(policies, groups, roles, client).at(firstSeen);
    }

    /**
     * All of {@link #resolve} that does not depend on when the subject was first seen: one computation
     * for everyone with the same groups, roles and client (the console resolves many people at once).
     */
    public static Matched match(Collection<NamedPolicy> policies, Set<String> groups, Set<String> roles,
            String client) {
        List<NamedPolicy> matched = matched(policies, groups, roles, client);
        List<NamedPolicy> requiring = matched.stream().filter(p -> p.document().mfa().required()).toList();
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
        return new Matched(matched.stream().map(NamedPolicy::name).toList(), matched.get(0).name(), requiring,
                methods(requiring.isEmpty() ? matched : requiring), reuse, variant, breached, minLength,
                bindings(policies, groups, roles, true));
    }

    /** The matching policies combined, but for the enrolment deadline, which {@link #at} adds. */
    public record Matched(List<String> names, String firstName, List<NamedPolicy> requiring, List<Method> methods,
            Level reuse, Level variantReuse, Level breached, int minLength, Map<Method, Binding> bindings) {

        /** The resolution for a subject first seen at {@code firstSeen}: the earliest deadline decides. */
        public ResolvedPolicy at(Instant firstSeen) {
            NamedPolicy deciding = null;
            Instant deadline = null;
            for (NamedPolicy policy : requiring) {
                Instant candidate = deadline(policy.document().mfa(), firstSeen);
                int order = deadline == null ? -1 : candidate.compareTo(deadline);
                if (order < 0 || order == 0 && policy.name().compareTo(deciding.name()) < 0) {
                    deciding = policy;
                    deadline = candidate;
                }
            }
            return new ResolvedPolicy(names, deciding != null, methods, deadline,
                    deciding == null ? firstName : deciding.name(), reuse, variantReuse, breached, minLength, bindings);
        }
    }

    /**
     * The policies that apply to a login, by name, then the built-in ones where they step in: the
     * console's roles when no stored {@code console-roles} matches, the baseline when nothing does.
     */
    static List<NamedPolicy> matched(Collection<NamedPolicy> policies, Set<String> groups, Set<String> roles,
            String client) {
        List<NamedPolicy> matched = policies.stream()
                .filter(p -> matches(p.document().appliesTo(), groups, roles, client))
                .sorted(Comparator.comparing(NamedPolicy::name))
                .collect(Collectors.toCollection(ArrayList::new));
        if (ConsoleRolesPolicy.covers(roles) && matched.stream().noneMatch(p -> ConsoleRolesPolicy.NAME.equals(p.name()))) {
            matched.add(ConsoleRolesPolicy.BUILT_IN);
        }
        if (matched.isEmpty()) {
            matched.add(BUILT_IN_BASELINE);
        }
        return matched;
    }

    /**
     * Why each policy of {@link #resolve} applies to this login, in the same order: the groups
     * (a subgroup's member through the group above), roles and client that brought it in.
     */
    public static List<PolicyMatch> explain(Collection<NamedPolicy> policies, Set<String> groups, Set<String> roles,
            String client) {
        return matched(policies, groups, roles, client).stream().map(p -> p == BUILT_IN_BASELINE
                ? new PolicyMatch(p.name(), List.of("no policy matches: the built-in baseline applies"))
                : p == ConsoleRolesPolicy.BUILT_IN
                        ? new PolicyMatch(p.name(), List.of("built in for the console's roles ("
                                + String.join(", ", ConsoleRolesPolicy.ROLES) + "), stored or not"))
                        : PolicyMatch.of(p.document().appliesTo(), p.name(), groups, roles, client))
                .toList();
    }

    /**
     * What binding each method takes for this person: the strictest {@code binding} of the policies
     * that apply to them by group or role, whatever the client, since a factor bound through one
     * application serves at every other. A key satisfies every policy (it is stronger than any method
     * named), so every policy's binding counts for a key; for TOTP, the policies that accept it. The
     * console's people bind only with a pass. With {@code clientScoped} false, policies narrowed to
     * clients are left out (a policy of one client for everyone would otherwise make everyone strict).
     */
    public static Map<Method, Binding> bindings(Collection<NamedPolicy> policies, Set<String> groups,
            Set<String> roles, boolean clientScoped) {
        List<NamedPolicy> applying = applying(policies, groups, roles, clientScoped);
        EnumMap<Method, Binding> bindings = new EnumMap<>(Method.class);
        Binding floor = ConsoleRolesPolicy.covers(roles) ? Binding.PASS : Binding.PASSWORD;
        for (Method method : Method.values()) {
            Binding binding = floor;
            for (NamedPolicy policy : applying) {
                if (method == Method.WEBAUTHN || policy.document().mfa().methods().contains(method)) {
                    binding = Binding.strictest(binding, policy.document().mfa().binding());
                }
            }
            bindings.put(method, binding);
        }
        return bindings;
    }

    /** The policies of this person's groups and roles, whatever the client (or only those of every client). */
    public static List<NamedPolicy> applying(Collection<NamedPolicy> policies, Set<String> groups, Set<String> roles,
            boolean clientScoped) {
        return policies.stream().filter(p -> clientScoped || p.document().appliesTo().clients().isEmpty())
                .filter(p -> member(p.document().appliesTo(), groups, roles)).toList();
    }

    static boolean matches(PolicyDocument.AppliesTo appliesTo, Set<String> groups, Set<String> roles, String client) {
        boolean clientMatches = appliesTo.clients().isEmpty() || (client != null && appliesTo.clients().contains(client));
        return member(appliesTo, groups, roles) && clientMatches;
    }

    /**
     * Everyone (no groups, no roles named), or one of its roles, or one of its groups or a group below
     * one ({@link GroupPaths}).
     */
    private static boolean member(PolicyDocument.AppliesTo appliesTo, Set<String> groups, Set<String> roles) {
        boolean everyone = appliesTo.groups().isEmpty() && appliesTo.roles().isEmpty();
        return everyone || appliesTo.roles().stream().anyMatch(roles::contains)
                || appliesTo.groups().stream().anyMatch(named -> groups.stream().anyMatch(g -> GroupPaths.covers(named, g)));
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

    /** A group as policies name it: {@code /engineering/} and {@code engineering} are {@code engineering}. */
    public static String groupName(String group) {
        return GroupPaths.normalise(group);
    }
}
