package dev.portcullis.keycloak.password;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.keycloak.client.Answers;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keycloak.policy.PolicyError;

class PasswordMessagesTest {

    static Answers.Finding finding(String type, String level, List<String> services, Long count, Integer minLength) {
        return new Answers.Finding(type, level, services, count, minLength);
    }

    @Test
    void aBlockNamesTheBlockingFindingEvenWhenAWarningComesFirst() {
        Answers.PasswordVerdict verdict = new Answers.PasswordVerdict("BLOCK", List.of(
                finding("VARIANT_REUSED", "warn", List.of("gitlab"), null, null),
                finding("REUSED", "block", List.of("vpn", "wallet-admin"), null, null)), "baseline");
        PolicyError error = PasswordMessages.error(verdict);
        assertThat(error.getMessage()).isEqualTo("portcullisPasswordReused");
        assertThat(error.getParameters()).containsExactly("vpn, wallet-admin");
    }

    @Test
    void eachKindOfFindingHasItsMessage() {
        assertThat(PasswordMessages.of(finding("BREACHED", "block", null, 52L, null)).getMessage())
                .isEqualTo("portcullisPasswordBreached");
        PolicyError tooShort = PasswordMessages.of(finding("TOO_SHORT", "block", null, null, 12));
        assertThat(tooShort.getMessage()).isEqualTo("portcullisPasswordTooShort");
        assertThat(tooShort.getParameters()).containsExactly(12);
        assertThat(PasswordMessages.of(finding("VARIANT_REUSED", "warn", List.of("vpn"), null, null)).getParameters())
                .containsExactly("vpn");
        assertThat(PasswordMessages.of(finding("SOMETHING_NEW", "block", null, null, null)).getMessage())
                .isEqualTo("portcullisPasswordRefused");
    }

    @Test
    void aWarningListsEveryFindingForTheNotice() {
        Answers.PasswordVerdict verdict = new Answers.PasswordVerdict("WARN", List.of(
                finding("VARIANT_REUSED", "warn", List.of("vpn"), null, null),
                finding("BREACHED", "warn", null, null, null)), "baseline");
        assertThat(PasswordMessages.reasons(verdict)).extracting(PolicyError::getMessage)
                .containsExactly("portcullisPasswordVariant", "portcullisPasswordBreached");
    }
}
