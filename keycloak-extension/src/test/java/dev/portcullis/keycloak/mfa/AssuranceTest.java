package dev.portcullis.keycloak.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.keycloak.client.Answers;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.models.AuthenticatorConfigModel;

class AssuranceTest {

    static Answers.LoginDecision decision(String action, String methods) {
        List<String> list = methods.isEmpty() ? List.of() : Arrays.asList(methods.split(" "));
        return new Answers.LoginDecision(action, list, null, null, "p", List.of());
    }

    @ParameterizedTest(name = "{0} [{1}], client asks {2} -> {3}")
    @CsvSource({
        // the decision alone
        "ALLOW,          '',              -1, 1",
        "ENROL_OPTIONAL, totp webauthn,   -1, 1",   // a grace period asks for the password only...
        "VERIFY,         totp,            -1, 2",   // ...but once there is a factor, it is asked for
        "VERIFY,         totp webauthn,   -1, 2",
        "VERIFY,         webauthn,        -1, 3",   // a key-only policy: a code is not enough
        "ENROL,          totp webauthn,   -1, 2",
        "ENROL,          webauthn,        -1, 3",
        // a client that asks for more gets more, never less
        "ALLOW,          '',               2, 2",
        "ENROL_OPTIONAL, totp,             2, 2",
        "VERIFY,         webauthn,         2, 3",
        "VERIFY,         totp,             1, 2",
    })
    void theLevelALoginMustReach(String action, String methods, int requested, int expected) {
        assertThat(Assurance.required(decision(action, methods), requested)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"DENY", "SOMETHING_NEW"})
    void anActionItDoesNotKnowCanNeverBeMet(String action) {
        assertThat(Assurance.required(decision(action, "totp"), 3)).isEqualTo(Integer.MAX_VALUE);
    }

    @ParameterizedTest(name = "otp={0} totp={1} -> {2}")
    @CsvSource(nullValues = "null", value = {
        "123456,  null,    123456",
        "null,    654321,  654321",
        "'',      654321,  654321",
        "123 456, 999999,  123456",
        "123-456, null,    123456",
        "null,    null,    ''",
    })
    void thePasswordGrantTakesTheCodeAsOtpOrTotp(String otp, String totp, String expected) {
        MultivaluedHashMap<String, String> form = new MultivaluedHashMap<>();
        if (otp != null) {
            form.add("otp", otp);
        }
        if (totp != null) {
            form.add("totp", totp);
        }
        assertThat(PortcullisDirectGrantAuthenticator.code(form)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {"null, false", "false, false", "true, true", "yes, false"})
    void aGracePeriodOpensThePasswordGrantOnlyWhenConfiguredSo(String value, boolean allowed) {
        AuthenticatorConfigModel config = new AuthenticatorConfigModel();
        config.setConfig(value == null ? Map.of() : Map.of(DirectGrantSettings.ALLOW_GRACE, value));
        assertThat(DirectGrantSettings.of(config).allowGrace()).isEqualTo(allowed);
        assertThat(DirectGrantSettings.of(null).allowGrace()).isFalse();
    }
}
