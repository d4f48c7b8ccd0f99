package dev.portcullis.policy.services;

import dev.portcullis.policy.crypto.Secrets;

/** API keys: {@code pcs_} followed by 256 random bits in URL-safe base64. */
public final class ApiKeys {

    public static final String PREFIX = "pcs_";
    static final int RANDOM_BYTES = 32;
    /** 43 characters of base64 for 32 bytes. */
    static final int LENGTH = PREFIX.length() + 43;

    private ApiKeys() {
    }

    public static String generate() {
        return PREFIX + Secrets.randomToken(RANDOM_BYTES);
    }

    /** Whether {@code token} has the shape of a key we issue; saves a lookup for anything else. */
    public static boolean looksLikeKey(String token) {
        return token != null && token.length() == LENGTH && token.startsWith(PREFIX)
                && token.chars().skip(PREFIX.length()).allMatch(ApiKeys::isBase64Url);
    }

    /** What is stored: SHA-256 in hex. A 256-bit random key needs no slow hash. */
    public static String hash(String key) {
        return Secrets.sha256Hex(key);
    }

    private static boolean isBase64Url(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
