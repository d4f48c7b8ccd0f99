package dev.portcullis.policy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CheckpointSignerTest {

    private final CheckpointSigner signer = new CheckpointSigner(filled((byte) 7));

    /** A purge checkpoint and an anchor sign messages of their own: neither can stand in for the other. */
    @Test
    void anAnchorAndACheckpointCannotBeSwapped() {
        String hash = "ab".repeat(32);
        assertThat(signer.signAnchor(1000, hash)).isNotEqualTo(signer.sign(1000, hash));

        AuditAnchor anchor = new AuditAnchor();
        anchor.throughId = 1000;
        anchor.hash = hash;
        anchor.signature = signer.sign(1000, hash); // a checkpoint's signature
        assertThat(signer.verify(anchor)).isFalse();
        anchor.signature = signer.signAnchor(1000, hash);
        assertThat(signer.verify(anchor)).isTrue();

        AuditCheckpoint checkpoint = new AuditCheckpoint();
        checkpoint.throughId = 1000;
        checkpoint.hash = hash;
        checkpoint.signature = signer.signAnchor(1000, hash); // an anchor's signature
        assertThat(signer.verify(checkpoint)).isFalse();
    }

    @Test
    void anAnchorVerifiesOnlyWithItsIdHashAndKey() {
        AuditAnchor anchor = new AuditAnchor();
        anchor.throughId = 2000;
        anchor.hash = "cd".repeat(32);
        anchor.signature = signer.signAnchor(2000, anchor.hash);
        assertThat(signer.verify(anchor)).isTrue();
        assertThat(new CheckpointSigner(filled((byte) 8)).verify(anchor)).isFalse();
        anchor.throughId = 3000;
        assertThat(signer.verify(anchor)).isFalse();
        anchor.throughId = 2000;
        anchor.hash = "ce".repeat(32);
        assertThat(signer.verify(anchor)).isFalse();
    }

    private static byte[] filled(byte value) {
        byte[] key = new byte[32];
        Arrays.fill(key, value);
        return key;
    }
}
