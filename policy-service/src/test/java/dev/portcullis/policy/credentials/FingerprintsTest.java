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
        assertThat(one.exact()).matches("[0-9a-f]{64}").isNotEqualTo(one.root(0));
        assertThat(one.keyId()).isEqualTo("k1");
    }

    @Test
    void variantsShareOnlyTheRootFingerprint() {
        Fingerprints.Fingerprint one = fingerprints.of("alice", "Summer2024!");
        Fingerprints.Fingerprint two = fingerprints.of("alice", "Summer2025?");
        assertThat(one.exact()).isNotEqualTo(two.exact());
        assertThat(one.roots()).isEqualTo(two.roots()).hasSize(1);
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
    void neverMoreThanThreeArgon2idEvaluationsEvenWithTheVersion1Root() {
        // two current roots (heii, heiio) and a version-1 root (hell0 -> "hello") that is neither
        long before = Fingerprints.evaluations();
        Fingerprints.Fingerprint withLegacy = fingerprints.of("alice", "hell0!", true);
        assertThat(Fingerprints.evaluations() - before).isEqualTo(3);
        assertThat(withLegacy.roots()).hasSize(1);
        assertThat(withLegacy.legacy()).isNotNull().isNotIn(withLegacy.roots());
        assertThat(withLegacy.candidates()).hasSize(2);
        before = Fingerprints.evaluations();
        Fingerprints.Fingerprint current = fingerprints.of("alice", "hell0!");
        assertThat(Fingerprints.evaluations() - before).isEqualTo(3);
        assertThat(current.roots()).hasSize(2).contains(withLegacy.root(0));
        assertThat(current.legacy()).isNull();
        // where the version-1 root is a current root, it costs nothing more
        before = Fingerprints.evaluations();
        assertThat(fingerprints.of("alice", "Summer2024!", true).legacy()).isNull();
        assertThat(Fingerprints.evaluations() - before).isEqualTo(2);
    }

    @Test
    void aShortRootGetsNoVariantFingerprint() {
        assertThat(fingerprints.of("alice", "12345678").roots()).isEmpty();
        assertThat(fingerprints.of("alice", "xyz2024!").roots()).isEmpty();
    }

    /**
     * The scheme of docs/architecture.md "Fingerprints", computed independently (JDK HMAC, BouncyCastle's
     * Argon2id): a change that silently made every stored fingerprint unmatchable fails here.
     */
    @Test
    void theFingerprintsAreTheDocumentedSchemeComputedIndependently() throws Exception {
        byte[] salt = java.util.Arrays.copyOf(hmac(key(1), "v1|alice".getBytes(java.nio.charset.StandardCharsets.UTF_8)), 16);
        byte[] exactCore = argon2id("Summer2024!", salt);
        byte[] rootCore = argon2id("summer", salt);
        Fingerprints.Fingerprint computed = fingerprints.of("alice", "Summer2024!");
        assertThat(computed.exact()).isEqualTo(java.util.HexFormat.of().formatHex(
                hmac(key(2), concat("exact|".getBytes(java.nio.charset.StandardCharsets.US_ASCII), exactCore))));
        assertThat(computed.root(0)).isEqualTo(java.util.HexFormat.of().formatHex(
                hmac(key(2), concat("root|".getBytes(java.nio.charset.StandardCharsets.US_ASCII), rootCore))));
    }

    static byte[] argon2id(String password, byte[] salt) {
        var generator = new org.bouncycastle.crypto.generators.Argon2BytesGenerator();
        generator.init(new org.bouncycastle.crypto.params.Argon2Parameters.Builder(
                org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id)
                .withVersion(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(19456).withIterations(2).withParallelism(1).withSalt(salt).build());
        byte[] out = new byte[32];
        generator.generateBytes(password.getBytes(java.nio.charset.StandardCharsets.UTF_8), out);
        return out;
    }

    static byte[] hmac(byte[] key, byte[] data) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
