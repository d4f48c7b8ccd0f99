package dev.portcullis.keycloak.client;

import java.util.List;
import java.util.Map;

/**
 * The connection when its options are incomplete or invalid: Keycloak still starts, the log says why
 * once, and every call fails as if the service were unreachable, with the reason.
 */
record NotConfigured(String reason, FailureMode passwordFailureMode) implements PolicyServiceConnection {

    /** No {@code portcullis} provider at all (a jar without its service file). */
    static final NotConfigured MISSING_PROVIDER = new NotConfigured("no portcullis connection provider is installed",
            FailureMode.OPEN);

    @Override
    public PolicyServiceClient client() {
        throw new PolicyServiceException("the policy service connection is not configured: " + reason);
    }

    @Override
    public void forward(org.keycloak.models.KeycloakSession session, List<Map<String, Object>> events) {
    }

    @Override
    public void forwardNow(org.keycloak.models.KeycloakSession session, List<Map<String, Object>> events) {
    }

    @Override
    public boolean configured() {
        return false;
    }
}
