package dev.portcullis.policy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointSignerTest {

    private static final Instant CREATED = Instant.parse("2026-11-24T10:00:00.123Z");
    private final CheckpointSigner signer = new CheckpointSigner(filled((byte) 7));

    /** A purge checkpoint and an anchor sign messages of their own: neither can stand in for the other. */
    @Test
    void anAnchorAndACheckpointCannotBeSwapped() {
        String hash = "ab".repeat(32);
        assertThat(signer.signAnchor(1000, hash, CREATED)).isNotEqualTo(signer.sign(1000, hash));

        AuditAnchor anchor = new AuditAnchor();
        anchor.throughId = 1000;
        anchor.hash = hash;
        anchor.createdAt = CREATED;
        anchor.signature = signer.sign(1000, hash); // a checkpoint's signature
        assertThat(signer.verify(anchor)).isFalse();
        anchor.signature = signer.signAnchor(1000, hash, CREATED);
        assertThat(signer.verify(anchor)).isTrue();

        AuditCheckpoint checkpoint = new AuditCheckpoint();
        checkpoint.throughId = 1000;
        checkpoint.hash = hash;
        checkpoint.signature = signer.signAnchor(1000, hash, CREATED); // an anchor's signature
        assertThat(signer.verify(checkpoint)).isFalse();
    }

    @Test
    void anAnchorVerifiesOnlyWithItsIdHashTimeAndKey() {
        AuditAnchor anchor = new AuditAnchor();
        anchor.throughId = 2000;
        anchor.hash = "cd".repeat(32);
        anchor.createdAt = CREATED;
        anchor.signature = signer.signAnchor(2000, anchor.hash, CREATED);
        assertThat(signer.verify(anchor)).isTrue();
        assertThat(new CheckpointSigner(filled((byte) 8)).verify(anchor)).isFalse();
        anchor.throughId = 3000;
        assertThat(signer.verify(anchor)).isFalse();
        anchor.throughId = 2000;
        anchor.hash = "ce".repeat(32);
        assertThat(signer.verify(anchor)).isFalse();
    }

    /** A range verify chooses anchors by their creation time: moving it, by as little as it may be, undoes the signature. */
    @Test
    void anAnchorWhoseTimeWasMovedDoesNotVerify() {
        AuditAnchor anchor = new AuditAnchor();
        anchor.throughId = 2000;
        anchor.hash = "cd".repeat(32);
        anchor.createdAt = CREATED;
        anchor.signature = signer.signAnchor(2000, anchor.hash, CREATED);
        for (Instant moved : List.of(CREATED.minusMillis(1), CREATED.plusMillis(1), CREATED.minusSeconds(86_400),
                CREATED.plusNanos(500_000))) {
            anchor.createdAt = moved;
            assertThat(signer.verify(anchor)).as("created at %s", moved).isFalse();
        }
        anchor.createdAt = null;
        assertThat(signer.verify(anchor)).isFalse();
        anchor.createdAt = CREATED;
        assertThat(signer.verify(anchor)).isTrue();
    }

    private static byte[] filled(byte value) {
        byte[] key = new byte[32];
        Arrays.fill(key, value);
        return key;
    }
}
