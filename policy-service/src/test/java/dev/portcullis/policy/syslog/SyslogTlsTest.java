package dev.portcullis.policy.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SyslogTlsTest {

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, false", "127.8.9.10, false", "localhost, false", "LOCALHOST, false", "::1, false", "[::1], false",
        "collector.example.com, true", "10.0.0.7, true", "127.0.0.1.evil.example, true", "localhost.example, true",
        "fd00::1, true"
    })
    void unsetMeansTlsUnlessTheCollectorIsLoopback(String host, boolean tls) {
        assertThat(SyslogTls.use(Optional.empty(), host)).isEqualTo(tls);
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1", "collector.example.com"})
    void anExplicitSettingWins(String host) {
        assertThat(SyslogTls.use(Optional.of(true), host)).isTrue();
        assertThat(SyslogTls.use(Optional.of(false), host)).isFalse();
    }
}
