package dev.portcullis.keycloak.password;

import dev.portcullis.keycloak.client.PolicyServiceSettings;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PasswordPolicyProviderFactory;

/**
 * {@code portcullisReuse}: add it to the realm's password policy (Authentication, Policies, Password
 * policy, "Portcullis reuse check"). Options: {@code --spi-password-policy--portcullisReuse--...}
 * or {@code PORTCULLIS_URL}, {@code PORTCULLIS_API_KEY}.
 */
public class PortcullisReusePolicyFactory implements PasswordPolicyProviderFactory {

    public static final String ID = "portcullisReuse";


    private PasswordReporter reporter;

    @Override
    public void init(Config.Scope config) {
        reporter = PolicyServiceSettings.forProvider(ID, config, "new passwords are not checked")
                .map(PasswordReporter::new).orElse(null);
    }

    @Override
    public PasswordPolicyProvider create(KeycloakSession session) {
        return new PortcullisReusePolicy(session, reporter);
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
        if (reporter != null) {
            reporter.close();
        }
    }
}
