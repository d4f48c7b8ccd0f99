package dev.portcullis.policy.breached;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The first 64 bits of a password's SHA-1 (of its UTF-8 bytes, as Have I Been Pwned hashes them).
 * Computed in memory; the digest and the bytes are wiped before returning.
 */
public final class Sha1Prefix {

    private Sha1Prefix() {
    }

    public static long of(String password) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-1").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
        long h = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            h = h << 8 | (digest[i] & 0xFF);
        }
        Arrays.fill(digest, (byte) 0);
        return h;
    }
}
