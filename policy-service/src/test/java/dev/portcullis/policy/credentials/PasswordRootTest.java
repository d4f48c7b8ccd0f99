package dev.portcullis.policy.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PasswordRootTest {

    @ParameterizedTest(name = "root({0}) = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "Summer2024!     | summer",
        "P@ssw0rd        | password",
        "Tr0ub4dor&3     | troubador&e",
        "Password1       | password",
        "password1!      | password",
        "Password2024?!  | password",
        "!!Admin2023??   | admin",
        "2024Winter      | winter",
        "#1Summer        | summer",
        "c0rrect h0rse   | correct horse",
        "l3tm3in!        | letmein",
        "$ecret99        | ecret",
        "12345678        | \"\"",
        "!!!???          | \"\"",
        "ＰＡＳＳＷＯＲＤ１２３   | password",
        "Passwörter2024  | passwörter",
        "ПАРОЛЬ2024      | пароль",
    })
    void rootUndoesTrivialVariations(String password, String root) {
        assertThat(PasswordRoot.of(password)).isEqualTo(root);
    }

    @ParameterizedTest(name = "{0} and {1} share a root")
    @CsvSource(delimiter = '|', value = {
        "Summer2024!  | summer2025",
        "P@ssw0rd     | password!",
        "Welcome1     | welcome2",
        "W3lc0me!!    | welcome99",
    })
    void variantsShareTheirRoot(String one, String other) {
        assertThat(PasswordRoot.of(one)).isEqualTo(PasswordRoot.of(other));
    }

    @ParameterizedTest(name = "root of {0} is too short to use")
    @CsvSource({"abc1", "a!", "12345678", "xyz2024!"})
    void shortRootsAreNotUsed(String password) {
        assertThat(PasswordRoot.usable(PasswordRoot.of(password))).isFalse();
    }
}
