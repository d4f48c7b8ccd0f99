package dev.portcullis.policy.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF with HMAC-SHA256 (RFC 5869). Pure: same input, same output. */
public final class Hkdf {

    private static final String HMAC = "HmacSHA256";
    private static final int HASH_LEN = 32;

    private Hkdf() {
    }

    /** Extract-then-expand: {@code length} bytes of key material for {@code info}. */
    public static byte[] derive(byte[] inputKey, byte[] salt, byte[] info, int length) {
        return expand(extract(salt, inputKey), info, length);
    }

    public static byte[] derive(byte[] inputKey, String salt, String info, int length) {
        return derive(inputKey, salt.getBytes(StandardCharsets.UTF_8), info.getBytes(StandardCharsets.UTF_8), length);
    }

    static byte[] extract(byte[] salt, byte[] inputKey) {
        byte[] effectiveSalt = salt == null || salt.length == 0 ? new byte[HASH_LEN] : salt;
        return hmac(effectiveSalt).doFinal(inputKey);
    }

    static byte[] expand(byte[] prk, byte[] info, int length) {
        if (length <= 0 || length > 255 * HASH_LEN) {
            throw new IllegalArgumentException("HKDF output length must be 1.." + 255 * HASH_LEN);
        }
        Mac mac = hmac(prk);
        byte[] out = new byte[length];
        byte[] block = new byte[0];
        int written = 0;
        for (int counter = 1; written < length; counter++) {
            mac.update(block);
            mac.update(info);
            mac.update((byte) counter);
            block = mac.doFinal();
            int n = Math.min(block.length, length - written);
            System.arraycopy(block, 0, out, written, n);
            written += n;
        }
        return out;
    }

    private static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
