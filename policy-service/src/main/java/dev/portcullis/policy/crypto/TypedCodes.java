package dev.portcullis.policy.crypto;

import java.util.Locale;
import java.util.Optional;

/**
 * One-time codes that people type: random characters from an alphabet without look-alikes
 * (RFC 4648 base32: no 0, 1, 8 or 9), five random bits each, shown in groups of four
 * ({@code ABCD-EFGH-JKLM}), and read back in any case, with or without spaces and dashes.
 */
public final class TypedCodes {

    static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final int MAX_TYPED = 64;

    private final int length;

    public TypedCodes(int length) {
        this.length = length;
    }

    public String generate() {
        byte[] random = Secrets.randomBytes(length);
        StringBuilder code = new StringBuilder();
        for (int c = 0; c < length; c++) {
            if (c > 0 && c % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(random[c] & 31));
        }
        return code.toString();
    }

    /** The canonical form of what a person typed, if it can be such a code. */
    public Optional<String> normalise(String typed) {
        if (typed == null || typed.length() > MAX_TYPED) {
            return Optional.empty();
        }
        String code = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (code.length() != length || !code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(code);
    }
}
