package dev.portcullis.policy.credentials;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106, version 0x13) through BouncyCastle, which measured faster here than
 * password4j at the fingerprint parameters (see README, "Benchmarks").
 */
public final class Argon2id {

    /** The fingerprint parameters of ARCHITECTURE "Fingerprints": m = 19456 KiB, t = 2, p = 1, 32 bytes. */
    public static final Argon2id FINGERPRINT = new Argon2id(19456, 2, 1, 32);

    private final int memoryKiB;
    private final int iterations;
    private final int parallelism;
    private final int length;

    public Argon2id(int memoryKiB, int iterations, int parallelism, int length) {
        this.memoryKiB = memoryKiB;
        this.iterations = iterations;
        this.parallelism = parallelism;
        this.length = length;
    }

    public byte[] hash(byte[] password, byte[] salt) {
        return hash(password, salt, null, null);
    }

    /** With the optional secret K and associated data X of RFC 9106 (used by its test vectors). */
    public byte[] hash(byte[] password, byte[] salt, byte[] secret, byte[] associatedData) {
        Argon2Parameters.Builder parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(memoryKiB)
                .withIterations(iterations)
                .withParallelism(parallelism);
        if (secret != null) {
            parameters.withSecret(secret);
        }
        if (associatedData != null) {
            parameters.withAdditional(associatedData);
        }
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters.build());
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        return out;
    }
}
