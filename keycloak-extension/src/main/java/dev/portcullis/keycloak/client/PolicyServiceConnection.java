package dev.portcullis.keycloak.client;

import java.util.List;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.Provider;

/**
 * The node's one connection to the policy service, from SPI {@code portcullis}: the HTTP client every
 * Portcullis provider calls, and the one queue that forwards events to the audit log. Providers get
 * it from the session ({@link #of(KeycloakSession)}); the options are parsed once, by
 * {@link DefaultPolicyServiceConnectionFactory}.
 *
 * <p>When the options are incomplete, the connection is {@link NotConfigured}, which behaves exactly as
 * an unreachable service: every call fails with a {@link PolicyServiceException} that names what is
 * missing, so MFA refuses the login and password checks follow {@link #passwordFailureMode()}.
 */
public interface PolicyServiceConnection extends Provider {

    /** The connection of this node, as Keycloak hands it to the session. */
    static PolicyServiceConnection of(KeycloakSession session) {
        PolicyServiceConnection connection = session.getProvider(PolicyServiceConnection.class);
        return connection == null ? NotConfigured.MISSING_PROVIDER : connection;
    }

    /** The policy service's API; a {@link PolicyServiceException} when the connection is not configured. */
    PolicyServiceClient client();

    /**
     * Journals events for the audit log in the session's transaction, without waiting for the network:
     * they are durable once it commits, and gone if it rolls back. Nothing when not configured.
     */
    void forward(KeycloakSession session, List<Map<String, Object>> events);

    /** Journals events in a transaction of their own, kept whatever becomes of the session's. */
    void forwardNow(KeycloakSession session, List<Map<String, Object>> events);

    /** What a password check does when the service cannot answer. */
    FailureMode passwordFailureMode();

    boolean configured();

    /** Shared by every session: nothing to release per session. */
    @Override
    default void close() {
    }
}
