package dev.portcullis.policy.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Argon2idTest {

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    /** RFC 9106, section 5.3: Argon2id with secret and associated data, m = 32 KiB, t = 3, p = 4. */
    @Test
    void matchesTheRfc9106TestVector() {
        byte[] tag = new Argon2id(32, 3, 4, 32).hash(filled(32, 0x01), filled(16, 0x02), filled(8, 0x03),
                filled(12, 0x04));
        assertThat(HexFormat.of().formatHex(tag))
                .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    /** The reference implementation's own Argon2id test (argon2 test.c): "password", "somesalt", t = 2, 64 MiB. */
    @Test
    void matchesTheReferenceImplementation() {
        byte[] tag = new Argon2id(1 << 16, 2, 1, 32).hash("password".getBytes(StandardCharsets.US_ASCII),
                "somesalt".getBytes(StandardCharsets.US_ASCII));
        assertThat(HexFormat.of().formatHex(tag))
                .isEqualTo("09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7");
    }

    @Test
    void fingerprintParametersAreThoseOfTheDesign() {
        byte[] salt = filled(16, 7);
        byte[] a = Argon2id.FINGERPRINT.hash("correct horse".getBytes(StandardCharsets.UTF_8), salt);
        byte[] b = new Argon2id(19456, 2, 1, 32).hash("correct horse".getBytes(StandardCharsets.UTF_8), salt);
        assertThat(a).hasSize(32).isEqualTo(b)
                .isNotEqualTo(new Argon2id(19456, 3, 1, 32).hash("correct horse".getBytes(StandardCharsets.UTF_8), salt));
    }
}
