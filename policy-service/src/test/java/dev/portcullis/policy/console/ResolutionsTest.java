package dev.portcullis.policy.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.policy.policies.Binding;
import dev.portcullis.policy.policies.Level;
import dev.portcullis.policy.policies.Method;
import dev.portcullis.policy.policies.NamedPolicy;
import dev.portcullis.policy.policies.PolicyDocument;
import dev.portcullis.policy.policies.PolicyResolver;
import dev.portcullis.policy.subjects.SubjectFacts;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The console resolves many people over the groups, roles and clients that policies name, once per
 * kind of person: for anyone, that is what the resolver gives over all of their facts.
 */
class ResolutionsTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final List<String> GROUPS = List.of("/eng", "eng", "//eng", "/finance", "/treasury", "/treasury/ops",
            "/made-up-0123456789abcdef0123456789", "/x");
    static final List<String> ROLES = List.of("employee", "policy-admin", "policy-auditor", "contractor");
    static final List<String> CLIENTS = List.of("account-console", "wallet-admin", "vpn");

    static List<NamedPolicy> policies() {
        return List.of(
                policy("baseline", List.of(), List.of(), List.of(), true, 7, null, Level.WARN, 8),
                policy("eng", List.of("eng"), List.of(), List.of(), true, 0, null, Level.BLOCK, 10),
                policy("finance", List.of("/finance"), List.of(), List.of(), true, 14, LocalDate.of(2026, 12, 1),
                        Level.BLOCK, 12),
                policy("treasury-ops", List.of("treasury/ops"), List.of("contractor"), List.of(), false, 3, null,
                        Level.OFF, 8),
                policy("wallet-admin", List.of(), List.of(), List.of("wallet-admin"), true, 0, null, Level.BLOCK, 16),
                policy("vpn-eng", List.of("/eng"), List.of(), List.of("vpn"), true, 30, null, Level.WARN, 8));
    }

    static NamedPolicy policy(String name, List<String> groups, List<String> roles, List<String> clients,
            boolean required, int grace, LocalDate from, Level reuse, int minLength) {
        return new NamedPolicy(name, new PolicyDocument(new PolicyDocument.AppliesTo(groups, roles, clients),
                new PolicyDocument.Mfa(required, List.of(Method.TOTP, Method.WEBAUTHN), grace, from,
                        name.startsWith("wallet") ? Binding.PASS : Binding.PASSWORD),
                new PolicyDocument.Passwords(reuse, Level.WARN, Level.BLOCK, minLength)));
    }

    @Test
    void eachPersonGetsWhatTheResolverGivesOverAllTheirFacts() {
        Random random = new Random(5);
        List<NamedPolicy> policies = policies();
        Resolutions resolutions = new Resolutions(policies, new PolicyScope(policies));
        for (int i = 0; i < 3000; i++) {
            SubjectFacts facts = new SubjectFacts(some(random, GROUPS), some(random, ROLES),
                    random.nextInt(4) == 0 ? null : CLIENTS.get(random.nextInt(CLIENTS.size())), false);
            Instant firstSeen = NOW.minus(random.nextInt(60), ChronoUnit.DAYS).minusMillis(random.nextInt(1000));
            KnownSubjects.Known person = new KnownSubjects.Known("p" + i, firstSeen, null, facts);
            assertThat(resolutions.of(person)).as(facts.toString()).isEqualTo(PolicyResolver.resolve(policies,
                    facts.groupSet(), facts.roleSet(), facts.client(), firstSeen));
        }
    }

    @Test
    void theScopeKeepsOnlyWhatPoliciesName() {
        PolicyScope scope = new PolicyScope(policies());
        assertThat(scope.groupsIn(GROUPS)).containsExactlyInAnyOrder("/eng", "eng", "/finance", "/treasury/ops");
        assertThat(scope.rolesIn(ROLES)).containsExactlyInAnyOrder("policy-admin", "policy-auditor", "contractor");
        assertThat(scope.clientIn("vpn")).isEqualTo("vpn");
        assertThat(scope.clientIn("account-console")).isNull();
        assertThat(scope.names("/made-up-0123456789abcdef0123456789")).isFalse();
        assertThat(new PolicyScope(List.of()).groupsIn(GROUPS)).isEqualTo(Set.of());
    }

    private static List<String> some(Random random, List<String> names) {
        List<String> chosen = new ArrayList<>();
        for (String name : names) {
            if (random.nextInt(3) == 0) {
                chosen.add(name);
            }
        }
        return chosen;
    }
}
