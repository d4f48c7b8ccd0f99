package dev.portcullis.policy.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecoveryCodesTest {

    private final RecoveryCodes codes = new RecoveryCodes(new byte[32]);

    @Test
    void tenDistinctCodesOf60Bits() {
        List<String> issued = codes.generate();
        assertThat(issued).hasSize(10).allMatch(c -> c.matches("[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}"));
        assertThat(new HashSet<>(issued)).hasSize(10);
    }

    @Test
    void whatPeopleTypeIsNormalised() {
        assertThat(RecoveryCodes.normalise("abcd-efgh-jklm")).hasValue("ABCDEFGHJKLM");
        assertThat(RecoveryCodes.normalise(" ABCD EFGH JKLM ")).hasValue("ABCDEFGHJKLM");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ABCD-EFGH", "ABCD-EFGH-JKL1", "ABCD-EFGH-JKLM-NOPQ", "ÄBCD-EFGH-JKLM"})
    void malformedCodesAreRefused(String typed) {
        assertThat(RecoveryCodes.normalise(typed)).isEmpty();
    }

    @Test
    void theStoredHashIsKeyedAndBoundToTheSubject() {
        String hash = codes.hash("alice", "ABCDEFGHJKLM");
        assertThat(hash).matches("[0-9a-f]{64}").isEqualTo(codes.hash("alice", "ABCDEFGHJKLM"));
        assertThat(codes.hash("bob", "ABCDEFGHJKLM")).isNotEqualTo(hash);
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThat(new RecoveryCodes(otherKey).hash("alice", "ABCDEFGHJKLM")).isNotEqualTo(hash);
    }
}
