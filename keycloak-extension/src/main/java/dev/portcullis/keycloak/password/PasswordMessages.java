package dev.portcullis.keycloak.password;

import dev.portcullis.keycloak.client.Answers;
import java.util.ArrayList;
import java.util.List;
import org.keycloak.policy.PolicyError;

/** A verdict as a person reads it: message keys of the login theme, with their parameters. */
final class PasswordMessages {

    private PasswordMessages() {
    }

    /** The first finding at the verdict's level, as a policy error ("you already use this password for vpn"). */
    static PolicyError error(Answers.PasswordVerdict verdict) {
        String level = verdict.blocked() ? "block" : "warn";
        return verdict.findings().stream().filter(f -> level.equals(f.level())).findFirst()
                .or(() -> verdict.findings().stream().findFirst())
                .map(PasswordMessages::of)
                .orElse(new PolicyError("portcullisPasswordRefused"));
    }

    /** Every finding, for the notice page, as "key|param" pairs rendered by the template. */
    static List<PolicyError> reasons(Answers.PasswordVerdict verdict) {
        List<PolicyError> reasons = new ArrayList<>();
        verdict.findings().forEach(f -> reasons.add(of(f)));
        return reasons;
    }

    static PolicyError of(Answers.Finding finding) {
        return switch (finding.type()) {
            case "REUSED" -> new PolicyError("portcullisPasswordReused", String.join(", ", finding.services()));
            case "VARIANT_REUSED" -> new PolicyError("portcullisPasswordVariant", String.join(", ", finding.services()));
            case "BREACHED" -> new PolicyError("portcullisPasswordBreached");
            case "TOO_SHORT" -> new PolicyError("portcullisPasswordTooShort", finding.minLength());
            default -> new PolicyError("portcullisPasswordRefused");
        };
    }
}
