package dev.portcullis.policy.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.policy.policies.Binding;
import dev.portcullis.policy.policies.Method;
import dev.portcullis.policy.policies.NamedPolicy;
import dev.portcullis.policy.policies.PolicyDocument;
import dev.portcullis.policy.subjects.SubjectFacts;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Four eyes follow the policies: a protected group's subgroups are protected too, its siblings are not. */
class ProtectionTest {

    static final NamedPolicy TREASURY = new NamedPolicy("treasury", new PolicyDocument(
            new PolicyDocument.AppliesTo(List.of("treasury"), List.of(), List.of()),
            new PolicyDocument.Mfa(true, List.of(Method.WEBAUTHN), 0, null, Binding.PASS),
            PolicyDocument.BASELINE.passwords()));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        member                    | /treasury                    | policy treasury binds factors only with an access pass
        subgroup                  | /treasury/payments           | policy treasury binds factors only with an access pass
        deeper subgroup           | /treasury/payments/eu        | policy treasury binds factors only with an access pass
        sibling sharing a prefix  | /treasury-archive            | ''
        another case              | /Treasury/payments           | ''
        """)
    void aPassOnlyGroupProtectsItsSubgroups(String label, String group, String why) {
        Optional<String> protection = Protection.byFacts(new SubjectFacts(List.of(group), List.of(), "notes", false),
                List.of(TREASURY));
        assertThat(protection.orElse("")).as(label).isEqualTo(why);
    }
}
