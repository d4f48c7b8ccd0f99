package dev.portcullis.policy.policies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.policy.problem.Problem;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsoleRolesPolicyTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    static PolicyDocument doc(List<String> groups, List<String> roles, List<String> clients, boolean required,
            int grace, LocalDate from) {
        return new PolicyDocument(new PolicyDocument.AppliesTo(groups, roles, clients),
                new PolicyDocument.Mfa(required, List.of(Method.TOTP), grace, from, Binding.PASS),
                PolicyDocument.BASELINE.passwords());
    }

    static List<String> fields(String name, PolicyDocument document) {
        return ConsoleRolesPolicy.violations(name, document, TODAY).stream().map(Problem.FieldError::field).toList();
    }

    @Test
    void theBuiltInMayBeStricterButNeverNarrowerLaterOrOptional() {
        List<String> both = ConsoleRolesPolicy.ROLES;
        assertThat(fields("console-roles", ConsoleRolesPolicy.DOCUMENT)).isEmpty();
        assertThat(fields("console-roles", doc(List.of(), both, List.of(), true, 0, TODAY))).isEmpty();
        assertThat(fields("console-roles", doc(List.of(), List.of("policy-admin"), List.of(), true, 0, null)))
                .containsExactly("appliesTo.roles");
        assertThat(fields("console-roles", doc(List.of("it"), both, List.of(), true, 0, null)))
                .containsExactly("appliesTo");
        assertThat(fields("console-roles", doc(List.of(), both, List.of("wallet"), true, 0, null)))
                .containsExactly("appliesTo");
        assertThat(fields("console-roles", doc(List.of(), both, List.of(), false, 3, TODAY.plusDays(1))))
                .containsExactly("mfa.required", "mfa.enrolmentGraceDays", "mfa.effectiveFrom");
        for (Binding weaker : List.of(Binding.PASSWORD, Binding.FACTOR)) {
            PolicyDocument lax = new PolicyDocument(new PolicyDocument.AppliesTo(List.of(), both, List.of()),
                    new PolicyDocument.Mfa(true, List.of(Method.TOTP), 0, null, weaker),
                    PolicyDocument.BASELINE.passwords());
            assertThat(fields("console-roles", lax)).containsExactly("mfa.binding");
        }
    }

    @Test
    void otherPoliciesMayNotGiveTheConsoleRolesGraceButMayIgnoreThem() {
        assertThat(fields("ops", doc(List.of(), List.of("policy-auditor", "ops"), List.of(), true, 14, null)))
                .containsExactly("mfa.enrolmentGraceDays");
        assertThat(fields("ops", doc(List.of(), List.of("ops"), List.of(), false, 14, null))).isEmpty();
        assertThat(fields("baseline", PolicyDocument.BASELINE)).isEmpty();
    }

    @Test
    void theResolverAppliesTheBuiltInEvenWhenItsStoredCopyIsGone() {
        Instant firstSeen = Instant.parse("2026-11-30T00:00:00Z");
        ResolvedPolicy admin = PolicyResolver.resolve(List.of(new NamedPolicy("baseline", PolicyDocument.BASELINE)),
                Set.of(), Set.of("policy-admin"), "portcullis-console", firstSeen);
        assertThat(admin.mfaRequired()).isTrue();
        assertThat(admin.enrolBy()).isEqualTo(firstSeen);
        assertThat(admin.matched()).contains("console-roles");
        ResolvedPolicy employee = PolicyResolver.resolve(List.of(new NamedPolicy("baseline", PolicyDocument.BASELINE)),
                Set.of(), Set.of("offline_access"), "wiki", firstSeen);
        assertThat(employee.enrolBy()).isEqualTo(firstSeen.plus(java.time.Duration.ofDays(7)));
    }
}
