package dev.portcullis.policy.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private final SecretBox box = new SecretBox(new byte[32], "k1");

    @Test
    void sealsAndOpensWithoutKeepingThePlaintext() {
        String sealed = box.seal("JBSWY3DPEHPK3PXP", "alice");
        assertThat(sealed).doesNotContain("JBSWY3DPEHPK3PXP");
        assertThat(box.seal("JBSWY3DPEHPK3PXP", "alice")).isNotEqualTo(sealed);
        assertThat(box.open(sealed, "alice", "k1")).isEqualTo("JBSWY3DPEHPK3PXP");
    }

    @Test
    void aSealedSecretMovedToAnotherSubjectDoesNotOpen() {
        String sealed = box.seal("JBSWY3DPEHPK3PXP", "alice");
        assertThatThrownBy(() -> box.open(sealed, "mallory", "k1")).hasMessageContaining("failed authentication");
    }

    @Test
    void tamperingOrAnotherKeyIsDetected() {
        byte[] bytes = Base64.getDecoder().decode(box.seal("JBSWY3DPEHPK3PXP", "alice"));
        bytes[bytes.length - 1] ^= 1;
        String tampered = Base64.getEncoder().encodeToString(bytes);
        assertThatThrownBy(() -> box.open(tampered, "alice", "k1")).hasMessageContaining("failed authentication");
        String sealed = box.seal("JBSWY3DPEHPK3PXP", "alice");
        assertThatThrownBy(() -> box.open(sealed, "alice", "k2")).hasMessageContaining("PORTCULLIS_MASTER_KEY");
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThatThrownBy(() -> new SecretBox(otherKey, "k1").open(sealed, "alice", "k1"))
                .hasMessageContaining("failed authentication");
    }
}
