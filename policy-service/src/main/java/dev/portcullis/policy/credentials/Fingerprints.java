package dev.portcullis.policy.credentials;

import dev.portcullis.policy.crypto.MasterKey;
import dev.portcullis.policy.crypto.Secrets;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The fingerprint scheme of docs/architecture.md "Fingerprints":
 * <pre>
 * salt    = HMAC-SHA256(K_salt, "v1|" + subject)[0..16]
 * core(x) = Argon2id(x, salt, m = 19456 KiB, t = 2, p = 1, 32 bytes)
 * exact   = HMAC-SHA256(K_fp, "exact|" + core(NFKC(password)))
 * root    = HMAC-SHA256(K_fp, "root|"  + core(r))   for each root r of the password (at most two)
 * </pre>
 * K_salt and K_fp are derived from the master key, so the database alone reveals nothing testable.
 * At most three Argon2id evaluations per password, whatever the number of services or subjects.
 * A root's fingerprint does not depend on the version of the algorithm that found the root, so a
 * version-1 row matches whenever its root is also a root now; where it is not, {@link #of(String,
 * String, boolean)} spends the third evaluation on the version-1 root instead.
 */
@ApplicationScoped
@Startup // so that its counter is in /q/metrics from the start, at 0
public class Fingerprints {

    private static final byte[] EXACT = "exact|".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ROOT = "root|".getBytes(StandardCharsets.US_ASCII);
    /** Argon2id evaluations made here since start: the cost of checks, as the benchmarks count it. */
    private static final LongAdder EVALUATIONS = new LongAdder();

    private final byte[] saltKey;
    private final byte[] fingerprintKey;
    private final String keyId;
    private final Argon2id argon2 = Argon2id.FINGERPRINT;

    @Inject
    public Fingerprints(MasterKey masterKey, MeterRegistry meters) {
        this(masterKey.derive("credentials/salt", 32), masterKey.derive("credentials/fingerprint", 32),
                masterKey.keyId());
        FunctionCounter.builder("portcullis.argon2id.evaluations", EVALUATIONS, LongAdder::sum)
                .description("Argon2id evaluations for password fingerprints").register(meters);
    }

    Fingerprints(byte[] saltKey, byte[] fingerprintKey, String keyId) {
        this.saltKey = saltKey.clone();
        this.fingerprintKey = fingerprintKey.clone();
        this.keyId = keyId;
    }

    /** The fingerprints of {@code password} for {@code subject} (already normalised): exact and its roots. */
    public Fingerprint of(String subject, String password) {
        return of(subject, password, false);
    }

    /**
     * @param legacy the subject still has version-1 rows: also the version-1 root, when it is none of
     *               the current ones, in place of the second root (never a fourth evaluation)
     */
    public Fingerprint of(String subject, String password, boolean legacy) {
        byte[] salt = salt(subject);
        String exact = keyed(EXACT, Normalizer.normalize(password, Normalizer.Form.NFKC), salt);
        List<String> roots = new ArrayList<>(PasswordRoot.of(password));
        String legacyRoot = legacy ? PasswordRoot.legacy(password) : null;
        if (legacyRoot == null || roots.contains(legacyRoot)) {
            legacyRoot = null;
        } else if (roots.size() == 2) {
            roots.remove(1);
        }
        List<String> rootPrints = new ArrayList<>(roots.size());
        for (String root : roots) {
            rootPrints.add(keyed(ROOT, root, salt));
        }
        return new Fingerprint(exact, List.copyOf(rootPrints), legacyRoot == null ? null : keyed(ROOT, legacyRoot, salt),
                keyId);
    }

    /** The id of the master key the fingerprints are keyed under: a new master key makes new ones. */
    public String keyId() {
        return keyId;
    }

    /** Argon2id evaluations made since start. */
    public static long evaluations() {
        return EVALUATIONS.sum();
    }

    byte[] salt(String subject) {
        return Arrays.copyOf(Secrets.hmacSha256(saltKey, ("v1|" + subject).getBytes(StandardCharsets.UTF_8)), 16);
    }

    private String keyed(byte[] label, String input, byte[] salt) {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        byte[] core = argon2.hash(bytes, salt);
        EVALUATIONS.increment();
        try {
            return HexFormat.of().formatHex(Secrets.hmacSha256(fingerprintKey, label, core));
        } finally {
            Arrays.fill(bytes, (byte) 0);
            Arrays.fill(core, (byte) 0);
        }
    }

    /**
     * @param roots    the fingerprints of the password's current roots (none, one or two), as stored
     * @param legacy   the version-1 root's, for matching version-1 rows only; never stored
     */
    public record Fingerprint(String exact, List<String> roots, String legacy, String keyId) {

        /** What a stored row's root fingerprints are compared with. */
        public List<String> candidates() {
            List<String> all = new ArrayList<>(roots);
            if (legacy != null) {
                all.add(legacy);
            }
            return all;
        }

        public String root(int index) {
            return index < roots.size() ? roots.get(index) : null;
        }
    }
}
