package dev.portcullis.policy.breached;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BreachedPasswordsTest {

    private static final BreachedPasswords BUILT_IN = new BreachedPasswords(null, CommonPasswords.load());

    @ParameterizedTest
    @ValueSource(strings = {"password123", "qwertyuiop", "123456", "Password123", "iloveyou", "trustno1"})
    void theBuiltInListKnowsCommonPasswords(String password) {
        assertThat(BUILT_IN.lookup(password)).hasValueSatisfying(m -> {
            assertThat(m.source()).isEqualTo("common");
            assertThat(m.count()).isNull();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"correct horse battery staple 2026", "vX9#kq2!Lm", "ｐａｓｓｗｏｒｄ１２３４５６７８９"})
    void otherPasswordsAreNotInIt(String password) {
        assertThat(BUILT_IN.lookup(password)).isEmpty();
    }
}
