package dev.portcullis.policy.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.policy.policies.NamedPolicy;
import dev.portcullis.policy.policies.PolicyDocument;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

/** The policy form: a document when right, the message beside each wrong field otherwise. */
class PolicyFormTest {

    static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator())
            .buildValidatorFactory().getValidator();

    @Test
    void theBaselineRoundTripsThroughTheForm() {
        PolicyForm form = PolicyForm.of(new NamedPolicy("baseline", PolicyDocument.BASELINE));
        PolicyForm.Parsed parsed = form.parse(VALIDATOR);
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.document()).isEqualTo(PolicyDocument.BASELINE);
    }

    @Test
    void listsAreCommaSeparatedTrimmedAndDeduplicated() {
        PolicyForm form = new PolicyForm("eng", " /engineering, ops ,, ops", "", "vpn", true, true, false, "3",
                "2027-01-31", "block", "warn", "block", "12");
        PolicyDocument document = form.parse(VALIDATOR).document();
        assertThat(document.appliesTo().groups()).containsExactly("/engineering", "ops");
        assertThat(document.appliesTo().clients()).containsExactly("vpn");
        assertThat(document.mfa().effectiveFrom()).hasToString("2027-01-31");
    }

    @Test
    void everyWrongFieldGetsItsOwnMessage() {
        PolicyForm form = new PolicyForm("Bad Name", "", "", "", true, false, false, "many", "31/01/2027", "never",
                "warn", "block", "4");
        PolicyForm.Parsed parsed = form.parse(VALIDATOR);
        assertThat(parsed.document()).isNull();
        assertThat(parsed.errors()).containsOnlyKeys("name", "methods", "graceDays", "effectiveFrom", "reuse",
                "minLength");
        assertThat(parsed.errors().get("graceDays")).isEqualTo("must be a whole number");
        assertThat(parsed.errors().get("minLength")).isEqualTo("must be between 8 and 64");
    }

    @Test
    void validationPathsMapToInputs() {
        assertThat(PolicyForm.field("appliesTo.groups[2].<list element>")).isEqualTo("groups");
        assertThat(PolicyForm.field("mfa.methods")).isEqualTo("methods");
        assertThat(PolicyForm.field("mfa.enrolmentGraceDays")).isEqualTo("graceDays");
        assertThat(PolicyForm.field("passwords.minLength")).isEqualTo("minLength");
    }
}
