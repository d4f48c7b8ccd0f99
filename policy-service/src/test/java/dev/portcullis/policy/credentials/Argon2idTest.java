package dev.portcullis.policy.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

/**
 * The service's Argon2id (password4j) against the standard. RFC 9106's vectors use a secret and
 * associated data, which the fingerprints do not and password4j cannot take; so BouncyCastle is
 * first proven against RFC 9106, then the service's implementation is proven equal to it on random
 * inputs at the fingerprint parameters and at the RFC's (four lanes), and against the reference
 * implementation's own vector.
 */
class Argon2idTest {

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static byte[] reference(int memoryKiB, int iterations, int lanes, byte[] password, byte[] salt,
            byte[] secret, byte[] associatedData) {
        Argon2Parameters.Builder parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt).withMemoryAsKB(memoryKiB)
                .withIterations(iterations).withParallelism(lanes);
        if (secret != null) {
            parameters.withSecret(secret).withAdditional(associatedData);
        }
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters.build());
        byte[] out = new byte[32];
        generator.generateBytes(password, out);
        return out;
    }

    /** RFC 9106, section 5.3: Argon2id with secret and associated data, m = 32 KiB, t = 3, p = 4. */
    @Test
    void theReferenceMatchesTheRfc9106TestVector() {
        byte[] tag = reference(32, 3, 4, filled(32, 0x01), filled(16, 0x02), filled(8, 0x03), filled(12, 0x04));
        assertThat(HexFormat.of().formatHex(tag))
                .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    /** The reference implementation's own Argon2id test (argon2 test.c): "password", "somesalt", t = 2, 64 MiB. */
    @Test
    void matchesTheReferenceImplementationsVector() {
        byte[] tag = new Argon2id(1 << 16, 2, 1, 32).hash("password".getBytes(StandardCharsets.US_ASCII),
                "somesalt".getBytes(StandardCharsets.US_ASCII));
        assertThat(HexFormat.of().formatHex(tag))
                .isEqualTo("09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7");
    }

    @Test
    void equalsTheProvenReferenceOnRandomInputs() {
        Random random = new Random(9106);
        Argon2id rfcShape = new Argon2id(32, 3, 4, 32);
        for (int i = 0; i < 200; i++) {
            byte[] password = new byte[random.nextInt(80)];
            byte[] salt = new byte[16];
            random.nextBytes(password);
            random.nextBytes(salt);
            assertThat(rfcShape.hash(password, salt)).isEqualTo(reference(32, 3, 4, password, salt, null, null));
        }
        for (int i = 0; i < 5; i++) {
            byte[] password = ("Orchard-Lantern-" + i).getBytes(StandardCharsets.UTF_8);
            byte[] salt = filled(16, i);
            assertThat(Argon2id.FINGERPRINT.hash(password, salt))
                    .isEqualTo(reference(19456, 2, 1, password, salt, null, null));
        }
    }
}
