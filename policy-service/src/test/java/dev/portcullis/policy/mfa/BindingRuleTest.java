package dev.portcullis.policy.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.policy.policies.Binding;
import dev.portcullis.policy.policies.Level;
import dev.portcullis.policy.policies.Method;
import dev.portcullis.policy.policies.ResolvedPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What binding a new factor takes: never less than a factor the person has, never the password twice. */
class BindingRuleTest {

    @ParameterizedTest(name = "policy {0}, has a factor {1}, had one {2} -> {3}")
    @CsvSource({
        // a newcomer under a lenient policy: the password binds the first factor
        "PASSWORD, false, false, PASSWORD",
        // someone with a factor proves it first, whatever the policy allows
        "PASSWORD, true,  true,  FACTOR",
        "PASSWORD, true,  false, FACTOR",
        // reset after a phone call, or every key removed: the password alone binds nothing again
        "PASSWORD, false, true,  PASS",
        // an existing-factor policy: a newcomer, or someone who lost theirs, needs a pass
        "FACTOR,   true,  true,  FACTOR",
        "FACTOR,   false, false, PASS",
        "FACTOR,   false, true,  PASS",
        // a pass policy: a relayed password and code bind nothing
        "PASS,     true,  true,  PASS",
        "PASS,     false, false, PASS",
    })
    void whatBindingTakes(Binding policy, boolean hasFactor, boolean boundBefore, Binding expected) {
        assertThat(BindingRule.needed(policy, hasFactor, boundBefore)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "PASSWORD, '',   false, PASSWORD",
        "PASSWORD, '',   true,  PASS",
        "PASSWORD, TOTP, true,  FACTOR",
        "PASS,     TOTP, true,  PASS",
    })
    void everyDecisionSaysWhatBindingTakes(Binding policy, String enrolled, boolean boundBefore, Binding expected) {
        ResolvedPolicy resolved = new ResolvedPolicy(List.of("p"), true, List.of(Method.WEBAUTHN),
                Instant.parse("2026-01-01T00:00:00Z"), "p", Level.BLOCK, Level.WARN, Level.BLOCK, 8,
                java.util.Map.of(Method.WEBAUTHN, policy, Method.TOTP, Binding.PASSWORD));
        Set<Method> methods = enrolled.isEmpty() ? Set.of() : Set.of(Method.valueOf(enrolled));
        Decision decision = LoginDecider.decide(resolved, methods, null, null, boundBefore,
                Instant.parse("2026-11-24T12:00:00Z"));
        assertThat(decision.bindWith()).containsEntry("webauthn", expected);
        assertThat(decision.bindWith().get("totp"))
                .isEqualTo(BindingRule.needed(Binding.PASSWORD, !methods.isEmpty(), boundBefore));
    }
}
