package dev.portcullis.policy.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When the bootstrap token is refused for its expiry, and what the service warns of at start. */
class BootstrapTokenExpiryTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @ParameterizedTest(name = "expires {0}: refused {1}, warned at start {2}")
    @CsvSource({
        "'',                     false, no expiry",
        "2026-11-25T12:00:01Z,   false, ''",
        "2026-11-25T12:00:00Z,   true,  expired at 2026-11-25T12:00:00Z",
        "2026-01-01T00:00:00Z,   true,  expired at 2026-01-01T00:00:00Z",
    })
    void theTokenIsRefusedFromItsExpiryOnAndAMissingExpiryIsWarnedOf(String expires, boolean refused, String warning) {
        Optional<Instant> expiresAt = expires.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(expires));
        Optional<String> why = BearerIdentityProvider.expiry(expiresAt, NOW);
        assertThat(why.isPresent()).isEqualTo(refused);
        why.ifPresent(detail -> assertThat(detail).contains("expired at " + expires)
                .contains("OIDC admin").contains("policy-admin"));
        Optional<String> warned = BearerIdentityProvider.warnAtStart(expiresAt, NOW);
        if (warning.isEmpty()) {
            assertThat(warned).isEmpty();
        } else {
            assertThat(warned).hasValueSatisfying(w -> assertThat(w).contains(warning));
        }
    }
}
