package dev.portcullis.policy.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FingerprintsTest {

    private static byte[] key(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }

    private final Fingerprints fingerprints = new Fingerprints(key(1), key(2), "k1");

    @Test
    void samePasswordAndSubjectGiveTheSameFingerprints() {
        Fingerprints.Fingerprint one = fingerprints.of("alice", "Summer2024!");
        Fingerprints.Fingerprint two = fingerprints.of("alice", "Summer2024!");
        assertThat(one).isEqualTo(two);
        assertThat(one.exact()).matches("[0-9a-f]{64}").isNotEqualTo(one.variant());
        assertThat(one.keyId()).isEqualTo("k1");
    }

    @Test
    void variantsShareOnlyTheRootFingerprint() {
        Fingerprints.Fingerprint one = fingerprints.of("alice", "Summer2024!");
        Fingerprints.Fingerprint two = fingerprints.of("alice", "Summer2025?");
        assertThat(one.exact()).isNotEqualTo(two.exact());
        assertThat(one.variant()).isEqualTo(two.variant());
    }

    @Test
    void eachSubjectHasItsOwnSaltAndEachKeyItsOwnFingerprints() {
        assertThat(fingerprints.salt("alice")).hasSize(16).isNotEqualTo(fingerprints.salt("bob"));
        assertThat(fingerprints.of("alice", "Summer2024!").exact())
                .isNotEqualTo(fingerprints.of("bob", "Summer2024!").exact())
                .isNotEqualTo(new Fingerprints(key(1), key(3), "k2").of("alice", "Summer2024!").exact());
    }

    @Test
    void compatibilityFormsOfAPasswordAreTheSamePassword() {
        assertThat(fingerprints.of("alice", "ｐａｓｓｗｏｒｄ１２３").exact())
                .isEqualTo(fingerprints.of("alice", "password123").exact());
    }

    @Test
    void longPasswordsAreNeverTruncated() {
        String base = "x".repeat(200);
        assertThat(fingerprints.of("alice", base + "a").exact()).isNotEqualTo(fingerprints.of("alice", base + "b").exact());
    }

    @Test
    void aShortRootGetsNoVariantFingerprint() {
        assertThat(fingerprints.of("alice", "12345678").variant()).isNull();
        assertThat(fingerprints.of("alice", "xyz2024!").variant()).isNull();
    }
}
