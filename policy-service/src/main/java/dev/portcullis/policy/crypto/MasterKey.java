package dev.portcullis.policy.crypto;

import dev.portcullis.policy.config.PortcullisConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * The master secret, held in memory only. Every other key is derived from it with HKDF under a
 * purpose label, so that no two uses ever share a key.
 */
@Startup
@ApplicationScoped
public class MasterKey {

    static final String SALT = "portcullis/v1";

    private final byte[] key;
    private final String keyId;

    @Inject
    public MasterKey(PortcullisConfig config) {
        this(MasterKeyLoader.load(config.masterKey(), config.requireMasterKey(), Path.of(config.home())));
    }

    MasterKey(byte[] key) {
        this.key = key.clone();
        this.keyId = HexFormat.of().formatHex(Hkdf.derive(this.key, SALT, "key-id", 4));
    }

    /** {@code length} bytes of key material for one purpose, e.g. {@code "totp-secret/aes-gcm"}. */
    public byte[] derive(String purpose, int length) {
        if (purpose == null || purpose.isBlank()) {
            throw new IllegalArgumentException("a derived key needs a purpose");
        }
        return Hkdf.derive(key, SALT, purpose, length);
    }

    /** A short public identifier of this master key (not secret), for key rotation. */
    public String keyId() {
        return keyId;
    }
}
