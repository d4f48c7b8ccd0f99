package dev.portcullis.keycloak.password;

import dev.portcullis.keycloak.client.PolicyServiceConnection;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PasswordPolicyProviderFactory;

/**
 * {@code portcullisReuse}: add it to the realm's password policy (Authentication, Policies, Password
 * policy, "Portcullis reuse check"). It reaches the policy service through the node's
 * {@link PolicyServiceConnection}; the key needs scope {@code credentials}.
 */
public class PortcullisReusePolicyFactory implements PasswordPolicyProviderFactory {

    public static final String ID = "portcullisReuse";

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public PasswordPolicyProvider create(KeycloakSession session) {
        return new PortcullisReusePolicy(session, new PasswordReporter(session, PolicyServiceConnection.of(session)));
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayName() {
        return "Portcullis reuse check";
    }

    @Override
    public String getConfigType() {
        return null;
    }

    @Override
    public String getDefaultConfigValue() {
        return null;
    }

    @Override
    public boolean isMultiplSupported() {
        return false;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
