package dev.portcullis.policy.policies;

import dev.portcullis.policy.problem.ApiProblem;
import dev.portcullis.policy.problem.Problem;
import dev.portcullis.policy.security.Roles;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The built-in policy for the people who run Portcullis itself ({@code policy-admin},
 * {@code policy-auditor}): MFA at once, no grace. A phished console password must never be enough
 * to reset someone's authenticator or purge the audit log, and a phone call to the helpdesk must
 * never be enough to bind a new factor to their account: only an access pass binds one. It can be
 * made stricter (methods,
 * password levels) but never weaker, and never deleted; no other policy may give those roles grace
 * or make their MFA optional either. The resolver applies it even if its stored copy went missing.
 */
public final class ConsoleRolesPolicy {

    public static final String NAME = "console-roles";
    public static final List<String> ROLES = List.of(Roles.ADMIN, Roles.AUDITOR);

    public static final PolicyDocument DOCUMENT = new PolicyDocument(
            new PolicyDocument.AppliesTo(List.of(), ROLES, List.of()),
            new PolicyDocument.Mfa(true, List.of(Method.TOTP, Method.WEBAUTHN), 0, null, Binding.PASS),
            PolicyDocument.BASELINE.passwords());

    static final NamedPolicy BUILT_IN = new NamedPolicy(NAME, DOCUMENT);

    private static final String WHY = "the console's people (policy-admin, policy-auditor) have no grace"
            + " and no optional MFA";

    private ConsoleRolesPolicy() {
    }

    public static boolean covers(Collection<String> roles) {
        return roles.stream().anyMatch(ROLES::contains);
    }

    /** Refuses a policy that would weaken MFA for the console's roles, saying which field and why. */
    public static void check(String name, PolicyDocument document, LocalDate today) {
        List<Problem.FieldError> errors = violations(name, document, today);
        if (!errors.isEmpty()) {
            throw new ApiProblem(422, "Policy '" + name + "' would weaken MFA for policy-admin or policy-auditor: "
                    + String.join("; ", errors.stream().map(e -> e.field() + " " + e.message()).toList()) + ".",
                    errors);
        }
    }

    static List<Problem.FieldError> violations(String name, PolicyDocument document, LocalDate today) {
        List<Problem.FieldError> errors = new ArrayList<>();
        PolicyDocument.AppliesTo appliesTo = document.appliesTo();
        if (NAME.equals(name)) {
            if (!appliesTo.roles().containsAll(ROLES)) {
                errors.add(new Problem.FieldError("appliesTo.roles", "must keep policy-admin and policy-auditor"));
            }
            if (!appliesTo.groups().isEmpty() || !appliesTo.clients().isEmpty()) {
                errors.add(new Problem.FieldError("appliesTo", "must not be narrowed to groups or clients: " + WHY));
            }
        } else if (!covers(appliesTo.roles())) {
            return errors;
        }
        PolicyDocument.Mfa mfa = document.mfa();
        if (!Boolean.TRUE.equals(mfa.required())) {
            errors.add(new Problem.FieldError("mfa.required", "must be true: " + WHY));
        }
        if (mfa.enrolmentGraceDays() != null && mfa.enrolmentGraceDays() != 0) {
            errors.add(new Problem.FieldError("mfa.enrolmentGraceDays", "must be 0: " + WHY));
        }
        if (NAME.equals(name) && mfa.binding() != Binding.PASS) {
            errors.add(new Problem.FieldError("mfa.binding", "must be pass: a new factor of the console's people"
                    + " is bound only with an access pass"));
        }
        if (mfa.effectiveFrom() != null && mfa.effectiveFrom().isAfter(today)) {
            errors.add(new Problem.FieldError("mfa.effectiveFrom", "must not be in the future: " + WHY));
        }
        return errors;
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
