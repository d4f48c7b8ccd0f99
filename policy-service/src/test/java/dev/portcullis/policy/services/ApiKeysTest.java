package dev.portcullis.policy.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeysTest {

    @Test
    void keysCarry256RandomBits() {
        String key = ApiKeys.generate();
        assertThat(key).startsWith("pcs_").hasSize(47);
        assertThat(Base64.getUrlDecoder().decode(key.substring(4))).hasSize(32);
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            keys.add(ApiKeys.generate());
        }
        assertThat(keys).hasSize(1000);
        assertThat(keys).allMatch(ApiKeys::looksLikeKey);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "pcs_", "pcs_short", "xyz_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "pcs_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "pcs_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void anythingElseIsNotAKey(String token) {
        assertThat(ApiKeys.looksLikeKey(token)).isFalse();
    }

    @Test
    void theStoredHashIsSha256Hex() {
        assertThat(ApiKeys.hash("pcs_test")).hasSize(64).matches("[0-9a-f]{64}")
                .isEqualTo(ApiKeys.hash("pcs_test")).isNotEqualTo(ApiKeys.hash("pcs_tesT"));
    }
}
