package dev.portcullis.policy.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.policy.support.ReferenceTotp;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TotpCodesTest {

    /** The RFC 6238 seed for SHA-1, "12345678901234567890", in base32. */
    static final String RFC_SEED = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    @ParameterizedTest(name = "T = {0} s")
    @CsvSource({
        "59, 94287082",
        "1111111109, 07081804",
        "1111111111, 14050471",
        "1234567890, 89005924",
        "2000000000, 69279037",
        "20000000000, 65353130"
    })
    void reproducesRfc6238AppendixB(long seconds, String expected) {
        TotpCodes eightDigits = new TotpCodes(8);
        long step = TotpCodes.stepAt(Instant.ofEpochSecond(seconds));
        assertThat(eightDigits.codeAt(RFC_SEED, step)).isEqualTo(expected);
        assertThat(eightDigits.matchingStep(RFC_SEED, expected, Instant.ofEpochSecond(seconds))).hasValue(step);
    }

    @Test
    void acceptsOneStepEitherSideAndNoMore() {
        TotpCodes codes = TotpCodes.sixDigits();
        String secret = codes.newSecret();
        Instant now = Instant.parse("2026-11-24T10:00:15Z");
        long step = TotpCodes.stepAt(now);
        for (long offset = -1; offset <= 1; offset++) {
            assertThat(codes.matchingStep(secret, ReferenceTotp.code(secret, step + offset), now)).hasValue(step + offset);
        }
        assertThat(codes.matchingStep(secret, ReferenceTotp.code(secret, step - 2), now)).isEmpty();
        assertThat(codes.matchingStep(secret, ReferenceTotp.code(secret, step + 2), now)).isEmpty();
    }

    @Test
    void secretsAre160RandomBits() {
        TotpCodes codes = TotpCodes.sixDigits();
        String secret = codes.newSecret();
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(codes.newSecret()).isNotEqualTo(secret);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12345", "1234567", "12345a", " 123456", "１２３４５６", "-12345"})
    void onlySixAsciiDigitsAreWellFormed(String code) {
        assertThat(TotpCodes.sixDigits().wellFormed(code)).isFalse();
        assertThat(TotpCodes.sixDigits().wellFormed("012345")).isTrue();
    }
}
