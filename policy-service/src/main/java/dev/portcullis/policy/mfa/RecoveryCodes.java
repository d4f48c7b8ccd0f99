package dev.portcullis.policy.mfa;

import dev.portcullis.policy.crypto.MasterKey;
import dev.portcullis.policy.crypto.Secrets;
import dev.portcullis.policy.crypto.TypedCodes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Recovery codes: 12 base32 characters (60 random bits), shown as {@code ABCD-EFGH-JKLM}, stored only
 * as HMAC-SHA256 under a key derived from the master secret and bound to the subject.
 */
@ApplicationScoped
public class RecoveryCodes {

    public static final int COUNT = 10;
    static final int LENGTH = 12;
    private static final TypedCodes CODES = new TypedCodes(LENGTH);
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
            codes.add(CODES.generate());
        }
        return codes;
    }

    /** The canonical form of what a person typed (any case, spaces or dashes), if it can be a code. */
    public static Optional<String> normalise(String typed) {
        return CODES.normalise(typed);
    }

    public String hash(String subject, String normalisedCode) {
        return Secrets.hmacSha256Hex(key, subject + "|" + normalisedCode);
    }
}
