package dev.portcullis.policy.audit;

import dev.portcullis.policy.crypto.MasterKey;
import dev.portcullis.policy.crypto.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * Signs purge checkpoints and chain anchors with HMAC-SHA256 under a key derived from the master key: a
 * database alone cannot forge one. The two sign messages of their own ({@code checkpoint|id|hash},
 * {@code anchor|id|hash|createdAtMillis}), so that neither can be passed off as the other; an anchor's
 * creation time, by which a range verify chooses it, is signed with it.
 */
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
        return Secrets.hmacSha256Hex(key, "checkpoint|" + throughId + "|" + hash);
    }

    boolean verify(AuditCheckpoint checkpoint) {
        return Secrets.constantTimeEquals(sign(checkpoint.throughId, checkpoint.hash), checkpoint.signature);
    }

    /** {@code createdAt} in whole milliseconds, as the chainer writes it and every database keeps it. */
    String signAnchor(long throughId, String hash, Instant createdAt) {
        return Secrets.hmacSha256Hex(key, "anchor|" + throughId + "|" + hash + "|" + createdAt.toEpochMilli());
    }

    /** Valid only with the very time signed: a fraction of a millisecond added to it is a change too. */
    boolean verify(AuditAnchor anchor) {
        return anchor.createdAt != null && anchor.createdAt.equals(AuditChain.truncate(anchor.createdAt))
                && Secrets.constantTimeEquals(signAnchor(anchor.throughId, anchor.hash, anchor.createdAt),
                        anchor.signature);
    }
}
