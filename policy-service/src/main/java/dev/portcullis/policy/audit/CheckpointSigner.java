package dev.portcullis.policy.audit;

import dev.portcullis.policy.crypto.MasterKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs checkpoints with HMAC-SHA256 under a key derived from the master key: a database alone cannot forge one. */
@ApplicationScoped
public class CheckpointSigner {

    static final String PURPOSE = "audit-checkpoint/hmac-sha256";
    private final byte[] key;

    @Inject
    public CheckpointSigner(MasterKey masterKey) {
        this(masterKey.derive(PURPOSE, 32));
    }

    CheckpointSigner(byte[] key) {
        this.key = key;
    }

    String sign(long throughId, String hash) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(("checkpoint|" + throughId + "|" + hash)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    boolean verify(AuditCheckpoint checkpoint) {
        return MessageDigest.isEqual(sign(checkpoint.throughId, checkpoint.hash).getBytes(StandardCharsets.US_ASCII),
                checkpoint.signature.getBytes(StandardCharsets.US_ASCII));
    }
}
