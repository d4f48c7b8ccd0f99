package dev.portcullis.policy.bootstrap;

import dev.portcullis.policy.support.PostgresProfile;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The test profile's bootstrap token, past its expiry. */
public class ExpiredTokenProfile implements QuarkusTestProfile {

    static final String EXPIRED_AT = "2026-01-01T00:00:00Z";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("portcullis.admin-token-expires-at", EXPIRED_AT);
    }

    /** The same on PostgreSQL. */
    public static class OnPostgres extends PostgresProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("portcullis.admin-token-expires-at", EXPIRED_AT);
        }
    }
}
