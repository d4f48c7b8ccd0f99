package dev.portcullis.keycloak.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.keycloak.support.MapScope;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The node's connection as the {@code portcullis} SPI's options make it, and as the admin console shows it. */
class PolicyServiceConnectionTest {

    private static final String KEY = "pcs_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    @Test
    void withoutAKeyEveryCallFailsLikeAnUnreachableServiceAndSaysWhatIsMissing() {
        PolicyServiceConnection connection = DefaultPolicyServiceConnectionFactory.connect(
                new MapScope(Map.of("url", "http://127.0.0.1:8090")), Map.of());
        assertThat(connection.configured()).isFalse();
        assertThatThrownBy(connection::client).isInstanceOf(PolicyServiceException.class)
                .hasMessageContaining("not configured").hasMessageContaining("API key is not set")
                .hasMessageContaining("--spi-portcullis--default--api-key");
        assertThat(connection.passwordFailureMode()).isEqualTo(FailureMode.OPEN);
        assertThat(DefaultPolicyServiceConnectionFactory.operationalInfo(connection))
                .containsEntry("configured", "false").containsEntry("passwordFailureMode", "open")
                .containsKey("reason");
    }

    @Test
    void aMistypedFailureModeMakesPasswordChecksFailClosedRatherThanQuietlyOff() {
        PolicyServiceConnection connection = DefaultPolicyServiceConnectionFactory.connect(
                new MapScope(Map.of("api-key", KEY, "password-failure-mode", "closd")), Map.of());
        assertThat(connection.configured()).isFalse();
        assertThat(connection.passwordFailureMode()).isEqualTo(FailureMode.CLOSED);
        assertThatThrownBy(connection::client).hasMessageContaining("'open' or 'closed'");
    }

    @Test
    void aConfiguredConnectionIsOneClientAndOneQueueAndNeverShowsItsKey() {
        PolicyServiceConnection connection = DefaultPolicyServiceConnectionFactory.connect(new MapScope(Map.of(
                "url", "https://policy.example:8443", "password-failure-mode", "closed")),
                Map.of("PORTCULLIS_API_KEY", KEY));
        ((Connected) connection).start(new MemoryBacklog());
        try {
            assertThat(connection.configured()).isTrue();
            assertThat(connection.client()).isSameAs(connection.client());
            assertThat(connection.passwordFailureMode()).isEqualTo(FailureMode.CLOSED);
            Map<String, String> info = DefaultPolicyServiceConnectionFactory.operationalInfo(connection);
            assertThat(info).containsEntry("configured", "true").containsEntry("url", "https://policy.example:8443")
                    .containsEntry("passwordFailureMode", "closed").containsEntry("eventsDropped", "0")
                    .containsEntry("eventsPending", "0").containsEntry("eventsJournalMax", "100000")
                    .containsKeys("eventsSent", "eventsOldestWaitingSeconds", "requestTimeoutMs");
            assertThat(info.values()).noneMatch(value -> value.contains(KEY) || value.contains("pcs_"));
        } finally {
            ((Connected) connection).shutDown();
        }
    }

    @Test
    void theOptionsAreDeclaredOnceWithTheKeyMarkedSecret() {
        var factory = new DefaultPolicyServiceConnectionFactory();
        assertThat(factory.getId()).isEqualTo("default");
        assertThat(new PolicyServiceConnectionSpi().getName()).isEqualTo("portcullis");
        assertThat(factory.getConfigMetadata()).extracting(p -> p.getName())
                .containsExactly("url", "api-key", "connect-timeout-ms", "request-timeout-ms", "events-journal-max",
                        "password-failure-mode",
                        "trust-store", "trust-store-password", "key-store", "key-store-password");
        assertThat(factory.getConfigMetadata()).filteredOn(p -> p.getName().endsWith("password")
                || p.getName().equals("api-key")).hasSize(3).allMatch(p -> p.isSecret());
    }
}
