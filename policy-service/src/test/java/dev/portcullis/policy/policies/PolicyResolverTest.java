package dev.portcullis.policy.policies;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyResolverTest {

    static final Instant FIRST_SEEN = Instant.parse("2026-11-01T09:00:00Z");

    static NamedPolicy policy(String name, List<String> groups, List<String> roles, List<String> clients,
            boolean required, List<Method> methods, int grace, LocalDate from, Level reuse, Level variant,
            Level breached, int minLength) {
        return new NamedPolicy(name, new PolicyDocument(new PolicyDocument.AppliesTo(groups, roles, clients),
                new PolicyDocument.Mfa(required, methods, grace, from),
                new PolicyDocument.Passwords(reuse, variant, breached, minLength)));
    }

    static final NamedPolicy BASELINE = new NamedPolicy("baseline", PolicyDocument.BASELINE);
    static final NamedPolicy LAX = policy("lax", List.of(), List.of(), List.of(), false, List.of(Method.TOTP), 30,
            null, Level.OFF, Level.OFF, Level.WARN, 8);
    static final NamedPolicy ENGINEERING = policy("engineering", List.of("engineering"), List.of(), List.of(), true,
            List.of(Method.TOTP), 0, null, Level.BLOCK, Level.BLOCK, Level.BLOCK, 12);
    static final NamedPolicy FINANCE_2027 = policy("finance", List.of("/finance"), List.of(), List.of(), true,
            List.of(Method.TOTP, Method.WEBAUTHN), 14, LocalDate.parse("2027-01-01"), Level.WARN, Level.OFF,
            Level.BLOCK, 10);
    static final NamedPolicy ADMINS_WEBAUTHN = policy("admins", List.of(), List.of("wallet-ops"), List.of(), true,
            List.of(Method.WEBAUTHN), 3, null, Level.BLOCK, Level.WARN, Level.BLOCK, 16);
    static final NamedPolicy WALLET_ONLY = policy("wallet", List.of(), List.of(), List.of("wallet-admin"), true,
            List.of(Method.WEBAUTHN), 0, null, Level.BLOCK, Level.BLOCK, Level.BLOCK, 20);

    /** A parent's policy and a stricter one of its subgroup: both apply below, field by field. */
    static final NamedPolicy TREASURY = policy("treasury", List.of("treasury"), List.of(), List.of(), true,
            List.of(Method.WEBAUTHN), 3, null, Level.BLOCK, Level.WARN, Level.BLOCK, 12);
    static final NamedPolicy PAYMENTS = policy("payments", List.of("/treasury/payments"), List.of(), List.of(), true,
            List.of(Method.TOTP, Method.WEBAUTHN), 0, null, Level.WARN, Level.BLOCK, Level.WARN, 16);

    static Instant days(int n) {
        return FIRST_SEEN.plus(n, ChronoUnit.DAYS);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // policies, groups, roles, client -> matched, required, methods, enrolBy, deciding, reuse, variant, breached, minLength
                Arguments.of("baseline alone", List.of(BASELINE), Set.of(), Set.of(), null,
                        "baseline", true, "TOTP,WEBAUTHN", days(7), "baseline", Level.BLOCK, Level.WARN, Level.BLOCK, 8),
                Arguments.of("nothing matches: built-in baseline", List.of(ENGINEERING), Set.of("sales"), Set.of(),
                        null, "baseline", true, "TOTP,WEBAUTHN", days(7), "baseline", Level.BLOCK, Level.WARN,
                        Level.BLOCK, 8),
                Arguments.of("group with a Keycloak path", List.of(BASELINE, ENGINEERING), Set.of("/engineering"),
                        Set.of(), null, "baseline,engineering", true, "TOTP", days(0), "engineering", Level.BLOCK,
                        Level.BLOCK, Level.BLOCK, 12),
                Arguments.of("not a member", List.of(BASELINE, ENGINEERING), Set.of("/sales"), Set.of(), null,
                        "baseline", true, "TOTP,WEBAUTHN", days(7), "baseline", Level.BLOCK, Level.WARN,
                        Level.BLOCK, 8),
                Arguments.of("lax everywhere", List.of(LAX), Set.of(), Set.of(), null,
                        "lax", false, "TOTP", null, "lax", Level.OFF, Level.OFF, Level.WARN, 8),
                Arguments.of("lax loses to baseline field by field", List.of(BASELINE, LAX), Set.of(), Set.of(),
                        null, "baseline,lax", true, "TOTP,WEBAUTHN", days(7), "baseline", Level.BLOCK, Level.WARN,
                        Level.BLOCK, 8),
                Arguments.of("future effectiveFrom starts the grace later", List.of(FINANCE_2027), Set.of("finance"),
                        Set.of(), null, "finance", true, "TOTP,WEBAUTHN",
                        Instant.parse("2027-01-15T00:00:00Z"), "finance", Level.WARN, Level.OFF, Level.BLOCK, 10),
                Arguments.of("earliest deadline wins", List.of(BASELINE, FINANCE_2027), Set.of("finance"), Set.of(),
                        null, "baseline,finance", true, "TOTP,WEBAUTHN", days(7), "baseline", Level.BLOCK,
                        Level.WARN, Level.BLOCK, 10),
                Arguments.of("role match, methods narrowed", List.of(BASELINE, ADMINS_WEBAUTHN), Set.of(),
                        Set.of("wallet-ops"), null, "admins,baseline", true, "WEBAUTHN", days(3), "admins",
                        Level.BLOCK, Level.WARN, Level.BLOCK, 16),
                Arguments.of("disjoint methods: the strongest", List.of(ENGINEERING, ADMINS_WEBAUTHN),
                        Set.of("engineering"), Set.of("wallet-ops"), null, "admins,engineering", true, "WEBAUTHN",
                        days(0), "engineering", Level.BLOCK, Level.BLOCK, Level.BLOCK, 16),
                Arguments.of("console roles: the built-in applies even when not stored", List.of(BASELINE),
                        Set.of(), Set.of("policy-auditor"), null, "baseline,console-roles", true, "TOTP,WEBAUTHN",
                        days(0), "console-roles", Level.BLOCK, Level.WARN, Level.BLOCK, 8),
                Arguments.of("client-scoped policy, other client", List.of(BASELINE, WALLET_ONLY), Set.of(),
                        Set.of(), "account", "baseline", true, "TOTP,WEBAUTHN", days(7), "baseline", Level.BLOCK,
                        Level.WARN, Level.BLOCK, 8),
                Arguments.of("client-scoped policy, its client", List.of(BASELINE, WALLET_ONLY), Set.of(), Set.of(),
                        "wallet-admin", "baseline,wallet", true, "WEBAUTHN", days(0), "wallet", Level.BLOCK,
                        Level.BLOCK, Level.BLOCK, 20),
                Arguments.of("client-scoped policy, no client given", List.of(WALLET_ONLY), Set.of(), Set.of(), null,
                        "baseline", true, "TOTP,WEBAUTHN", days(7), "baseline", Level.BLOCK, Level.WARN,
                        Level.BLOCK, 8),
                Arguments.of("a subgroup's member under the parent's policy", List.of(BASELINE, TREASURY),
                        Set.of("/treasury/payments"), Set.of(), null, "baseline,treasury", true, "WEBAUTHN", days(3),
                        "treasury", Level.BLOCK, Level.WARN, Level.BLOCK, 12),
                Arguments.of("parent's and subgroup's policies: strictest of each", List.of(BASELINE, TREASURY,
                        PAYMENTS), Set.of("/treasury/payments/eu"), Set.of(), null, "baseline,payments,treasury",
                        true, "WEBAUTHN", days(0), "payments", Level.BLOCK, Level.BLOCK, Level.BLOCK, 16),
                Arguments.of("the parent is not under its subgroup's policy", List.of(BASELINE, TREASURY, PAYMENTS),
                        Set.of("/treasury"), Set.of(), null, "baseline,treasury", true, "WEBAUTHN", days(3),
                        "treasury", Level.BLOCK, Level.WARN, Level.BLOCK, 12),
                Arguments.of("a sibling sharing the prefix is under neither", List.of(BASELINE, TREASURY, PAYMENTS),
                        Set.of("/treasury-archive", "/treasury-archive/payments"), Set.of(), null, "baseline", true,
                        "TOTP,WEBAUTHN", days(7), "baseline", Level.BLOCK, Level.WARN, Level.BLOCK, 8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void resolvesTheStrictestValueOfEachField(String label, List<NamedPolicy> policies, Set<String> groups,
            Set<String> roles, String client, String matched, boolean required, String methods, Instant enrolBy,
            String deciding, Level reuse, Level variant, Level breached, int minLength) {
        ResolvedPolicy resolved = PolicyResolver.resolve(policies, groups, roles, client, FIRST_SEEN);
        assertThat(resolved.matched()).containsExactly(matched.split(","));
        assertThat(resolved.mfaRequired()).isEqualTo(required);
        assertThat(resolved.methods()).containsExactly(Arrays.stream(methods.split(",")).map(Method::valueOf)
                .toArray(Method[]::new));
        assertThat(resolved.enrolBy()).isEqualTo(enrolBy);
        assertThat(resolved.mfaPolicy()).isEqualTo(deciding);
        assertThat(resolved.reuse()).isEqualTo(reuse);
        assertThat(resolved.variantReuse()).isEqualTo(variant);
        assertThat(resolved.breached()).isEqualTo(breached);
        assertThat(resolved.minLength()).isEqualTo(minLength);
    }

    static NamedPolicy binding(String name, List<String> groups, List<String> clients, Binding binding,
            boolean required, Method... methods) {
        return new NamedPolicy(name, new PolicyDocument(new PolicyDocument.AppliesTo(groups, List.of(), clients),
                new PolicyDocument.Mfa(required, List.of(methods), 0, null, binding),
                PolicyDocument.BASELINE.passwords()));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({
        // label, group, role, with the wallet's policy -> binding a key, binding TOTP
        "nothing demands more than the password, /engineering, '', false, PASSWORD, PASSWORD",
        "a key-only pass policy of the group: keys, /treasury, '', false, PASS, PASSWORD",
        "an existing-factor policy, /custody, '', false, FACTOR, PASSWORD",
        "a TOTP pass policy: a key satisfies it too, /ops, '', false, PASS, PASS",
        "even a policy that does not require MFA, /lab, '', false, FACTOR, FACTOR",
        "the console's people, /engineering, policy-auditor, false, PASS, PASS",
        // a key bound through any application opens the wallet: its policy binds keys for everyone
        "a client's key-only pass policy, /engineering, '', true, PASS, PASSWORD",
        "the strictest wins, /custody, '', true, PASS, PASSWORD",
    })
    void bindingAFactorTakesWhatThePersonsStrictestPolicyDemandsMethodByMethod(String label, String group,
            String role, boolean wallet, Binding key, Binding totp) {
        List<NamedPolicy> policies = new java.util.ArrayList<>(List.of(BASELINE,
                binding("treasury", List.of("treasury"), List.of(), Binding.PASS, true, Method.WEBAUTHN),
                binding("custody", List.of("custody"), List.of(), Binding.FACTOR, true, Method.WEBAUTHN),
                binding("ops", List.of("ops"), List.of(), Binding.PASS, true, Method.TOTP),
                binding("lab", List.of("lab"), List.of(), Binding.FACTOR, false, Method.TOTP)));
        if (wallet) {
            policies.add(binding("wallet", List.of(), List.of("wallet-admin"), Binding.PASS, true, Method.WEBAUTHN));
        }
        for (String client : new String[] {"notes", "wallet-admin", null}) {
            ResolvedPolicy resolved = PolicyResolver.resolve(policies, Set.of(group), role.isEmpty() ? Set.of()
                    : Set.of(role), client, FIRST_SEEN);
            assertThat(resolved.binding(Method.WEBAUTHN)).as("a key, at " + client).isEqualTo(key);
            assertThat(resolved.binding(Method.TOTP)).as("TOTP, at " + client).isEqualTo(totp);
        }
    }

    @org.junit.jupiter.api.Test
    void theExplanationSaysWhyEachPolicyAppliesASubgroupThroughItsParent() {
        List<NamedPolicy> policies = List.of(BASELINE, TREASURY, PAYMENTS, ADMINS_WEBAUTHN, WALLET_ONLY);
        List<PolicyMatch> why = PolicyResolver.explain(policies, Set.of("/treasury/payments/eu", "/treasury"),
                Set.of("wallet-ops"), "wallet-admin");
        assertThat(why).extracting(PolicyMatch::policy)
                .containsExactly("admins", "baseline", "payments", "treasury", "wallet");
        assertThat(why.get(0).because()).containsExactly("role wallet-ops");
        assertThat(why.get(1).because()).containsExactly("applies to everyone");
        assertThat(why.get(2).because()).containsExactly("member of group /treasury/payments/eu, covered through its"
                + " parent group /treasury/payments (a group's policy covers every subgroup below it)");
        assertThat(why.get(3).because()).containsExactly("member of group /treasury",
                "member of group /treasury/payments/eu, covered through its ancestor group treasury"
                        + " (a group's policy covers every subgroup below it)");
        assertThat(why.get(4).because()).containsExactly("applies to everyone", "signing in to client wallet-admin");
        assertThat(why).extracting(PolicyMatch::policy).containsExactlyElementsOf(PolicyResolver.resolve(policies,
                Set.of("/treasury/payments/eu", "/treasury"), Set.of("wallet-ops"), "wallet-admin", FIRST_SEEN)
                .matched());
    }

    @org.junit.jupiter.api.Test
    void theExplanationNamesTheBuiltInsWhereTheyStepIn() {
        assertThat(PolicyResolver.explain(List.of(TREASURY), Set.of("/treasury-archive"), Set.of(), null))
                .containsExactly(new PolicyMatch("baseline", List.of("no policy matches: the built-in baseline applies")));
        assertThat(PolicyResolver.explain(List.of(TREASURY), Set.of("/treasury/payments"), Set.of("policy-admin"), null))
                .extracting(PolicyMatch::policy).containsExactly("treasury", "console-roles");
    }
}
