package dev.portcullis.keycloak.password;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.keycloak.client.Answers;
import dev.portcullis.keycloak.client.PolicyServiceException;
import dev.portcullis.keycloak.client.PolicyServiceRejection;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.policy.PolicyError;

/**
 * What the password policy answers for every way a check can end, under either failure mode: only a
 * service that cannot answer is an outage, and only an outage under the "open" mode saves a password
 * unchecked. A throttle's 429 once read as an outage let the 20th try of a blocked password through.
 */
class PasswordCheckTest {

    @ParameterizedTest(name = "{0} (failure mode {1}) -> {2}")
    @CsvSource(nullValues = "null", value = {
        // the service answered with a refusal: the password is refused, whatever the failure mode
        "429, open,   portcullisPasswordThrottled",
        "429, closed, portcullisPasswordThrottled",
        "400, open,   portcullisPasswordCheckRefused",
        "401, open,   portcullisPasswordCheckRefused",
        "403, open,   portcullisPasswordCheckRefused",
        "404, open,   portcullisPasswordCheckRefused",
        "409, open,   portcullisPasswordCheckRefused",
        "411, open,   portcullisPasswordCheckRefused",
        "413, open,   portcullisPasswordCheckRefused",
        "415, open,   portcullisPasswordCheckRefused",
        "422, open,   portcullisPasswordCheckRefused",
        "423, open,   portcullisPasswordCheckRefused",
        "451, closed, portcullisPasswordCheckRefused",
        // it could not answer: the failure mode decides
        "500, open,   null",
        "500, closed, portcullisUnavailable",
        "502, open,   null",
        "503, closed, portcullisUnavailable",
        "504, open,   null",
        "0,   open,   null",
        "0,   closed, portcullisUnavailable",
    })
    void everyWayACheckCanFail(int status, String mode, String message) {
        RuntimeException failure = status >= 400 && status < 500
                ? new PolicyServiceRejection(status, "refused", status == 429 ? 1800 : -1)
                : new PolicyServiceException(status, "down");
        PolicyError error = PasswordCheck.failed(failure).policyError("closed".equals(mode));
        assertThat(error == null ? null : error.getMessage()).isEqualTo(message);
    }

    @ParameterizedTest(name = "Retry-After {0} s -> {1} minutes")
    @CsvSource({"1800, 30", "61, 2", "1, 1", "0, 1", "-1, 60"})
    void aThrottledCheckSaysWhenToTryAgain(long retryAfter, long minutes) {
        PasswordCheck check = PasswordCheck.failed(new PolicyServiceRejection(429, "slow down", retryAfter));
        assertThat(check.minutesToWait()).isEqualTo(minutes);
        assertThat(check.policyError(false).getParameters()).containsExactly(minutes);
    }

    @ParameterizedTest(name = "{0} -> refused {1}")
    @CsvSource({"ALLOW, false", "WARN, false", "BLOCK, true"})
    void anAnswerIsTheVerdict(String action, boolean refused) {
        var verdict = new Answers.PasswordVerdict(action, List.of(new Answers.Finding("REUSED",
                "BLOCK".equals(action) ? "block" : "warn", List.of("vpn"), null, null)), "baseline");
        assertThat(PasswordCheck.answered(verdict).policyError(true) != null).isEqualTo(refused);
    }
}
