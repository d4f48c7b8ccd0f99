package dev.portcullis.policy.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** HKDF-SHA256 against the test vectors of RFC 5869, Appendix A. */
class HkdfTest {

    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest(name = "RFC 5869 {0}")
    @CsvSource({
        "case 1, 0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b, 000102030405060708090a0b0c, f0f1f2f3f4f5f6f7f8f9, 42,"
            + " 077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5,"
            + " 3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
        "case 3, 0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b, '', '', 42,"
            + " 19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04,"
            + " 8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"
    })
    void reproducesTheRfcVectors(String name, String ikm, String salt, String info, int length, String prk, String okm) {
        assertThat(HEX.formatHex(Hkdf.extract(HEX.parseHex(salt), HEX.parseHex(ikm)))).isEqualTo(prk);
        assertThat(HEX.formatHex(Hkdf.derive(HEX.parseHex(ikm), HEX.parseHex(salt), HEX.parseHex(info), length)))
                .isEqualTo(okm);
    }

    @Test
    void differentPurposesGiveUnrelatedKeys() {
        byte[] master = new byte[32];
        byte[] a = Hkdf.derive(master, "portcullis/v1", "fingerprint", 32);
        byte[] b = Hkdf.derive(master, "portcullis/v1", "totp-secret", 32);
        assertThat(a).hasSize(32).isNotEqualTo(b);
        assertThat(Hkdf.derive(master, "portcullis/v1", "fingerprint", 32)).isEqualTo(a);
    }

    @Test
    void refusesImpossibleLengths() {
        assertThatThrownBy(() -> Hkdf.derive(new byte[32], "s", "i", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hkdf.derive(new byte[32], "s", "i", 255 * 32 + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
