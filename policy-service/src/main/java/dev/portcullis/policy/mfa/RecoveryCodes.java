package dev.portcullis.policy.mfa;

import dev.portcullis.policy.crypto.MasterKey;
import dev.portcullis.policy.crypto.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Recovery codes: 12 base32 characters (60 random bits), shown as {@code ABCD-EFGH-JKLM}, stored only
 * as HMAC-SHA256 under a key derived from the master secret and bound to the subject.
 */
@ApplicationScoped
public class RecoveryCodes {

    public static final int COUNT = 10;
    static final int LENGTH = 12;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    static final String PURPOSE = "recovery-code/hmac-sha256";

    private final byte[] key;

    @Inject
    public RecoveryCodes(MasterKey masterKey) {
        this(masterKey.derive(PURPOSE, 32));
    }

    RecoveryCodes(byte[] key) {
        this.key = key;
    }

    public List<String> generate() {
        List<String> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            byte[] random = Secrets.randomBytes(LENGTH);
            StringBuilder code = new StringBuilder();
            for (int c = 0; c < LENGTH; c++) {
                if (c > 0 && c % 4 == 0) {
                    code.append('-');
                }
                code.append(ALPHABET.charAt(random[c] & 31));
            }
            codes.add(code.toString());
        }
        return codes;
    }

    /** The canonical form of what a person typed (any case, spaces or dashes), if it can be a code. */
    public static Optional<String> normalise(String typed) {
        if (typed == null || typed.length() > 64) {
            return Optional.empty();
        }
        String code = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (code.length() != LENGTH || !code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(code);
    }

    public String hash(String subject, String normalisedCode) {
        return Secrets.hmacSha256Hex(key, subject + "|" + normalisedCode);
    }
}
