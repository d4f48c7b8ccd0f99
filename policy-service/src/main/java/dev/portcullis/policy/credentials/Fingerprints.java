package dev.portcullis.policy.credentials;

import dev.portcullis.policy.crypto.MasterKey;
import dev.portcullis.policy.crypto.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The fingerprint scheme of docs/architecture.md "Fingerprints":
 * <pre>
 * salt    = HMAC-SHA256(K_salt, "v1|" + subject)[0..16]
 * core(x) = Argon2id(x, salt, m = 19456 KiB, t = 2, p = 1, 32 bytes)
 * exact   = HMAC-SHA256(K_fp, "exact|" + core(NFKC(password)))
 * variant = HMAC-SHA256(K_fp, "root|"  + core(root(password)))   when the root has 4+ characters
 * </pre>
 * K_salt and K_fp are derived from the master key, so the database alone reveals nothing testable.
 * Exactly two Argon2id evaluations per password, whatever the number of services or subjects.
 */
@ApplicationScoped
public class Fingerprints {

    private static final byte[] EXACT = "exact|".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ROOT = "root|".getBytes(StandardCharsets.US_ASCII);

    private final byte[] saltKey;
    private final byte[] fingerprintKey;
    private final String keyId;
    private final Argon2id argon2 = Argon2id.FINGERPRINT;

    @Inject
    public Fingerprints(MasterKey masterKey) {
        this(masterKey.derive("credentials/salt", 32), masterKey.derive("credentials/fingerprint", 32),
                masterKey.keyId());
    }

    Fingerprints(byte[] saltKey, byte[] fingerprintKey, String keyId) {
        this.saltKey = saltKey.clone();
        this.fingerprintKey = fingerprintKey.clone();
        this.keyId = keyId;
    }

    /** The two fingerprints of {@code password} for {@code subject} (already normalised). */
    public Fingerprint of(String subject, String password) {
        byte[] salt = salt(subject);
        String exact = keyed(EXACT, Normalizer.normalize(password, Normalizer.Form.NFKC), salt);
        String root = PasswordRoot.of(password);
        String variant = PasswordRoot.usable(root) ? keyed(ROOT, root, salt) : null;
        return new Fingerprint(exact, variant, keyId);
    }

    /** The id of the master key the fingerprints are keyed under: a new master key makes new ones. */
    public String keyId() {
        return keyId;
    }

    byte[] salt(String subject) {
        return Arrays.copyOf(Secrets.hmacSha256(saltKey, ("v1|" + subject).getBytes(StandardCharsets.UTF_8)), 16);
    }

    private String keyed(byte[] label, String input, byte[] salt) {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        byte[] core = argon2.hash(bytes, salt);
        try {
            return HexFormat.of().formatHex(Secrets.hmacSha256(fingerprintKey, label, core));
        } finally {
            Arrays.fill(bytes, (byte) 0);
            Arrays.fill(core, (byte) 0);
        }
    }

    /** {@code variant} is null when the root is too short to say anything. */
    public record Fingerprint(String exact, String variant, String keyId) {
    }
}
