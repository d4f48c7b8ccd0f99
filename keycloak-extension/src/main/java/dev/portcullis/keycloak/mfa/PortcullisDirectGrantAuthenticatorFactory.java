package dev.portcullis.keycloak.mfa;

import dev.portcullis.keycloak.client.PolicyServiceClient;
import java.util.List;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * {@code portcullis-direct-grant-mfa}: place it after {@code direct-grant-validate-password} in the
 * realm's direct grant flow, as REQUIRED. It reaches the policy service through the
 * {@code portcullis-mfa} authenticator's settings (one client per node), so it needs no options of its
 * own; without them every password grant is refused.
 */
public class PortcullisDirectGrantAuthenticatorFactory extends MfaStepFactory {

    public static final String ID = "portcullis-direct-grant-mfa";

    private PolicyServiceClient client;

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        if (factory.getProviderFactory(Authenticator.class, PortcullisMfaAuthenticatorFactory.ID)
                instanceof PortcullisMfaAuthenticatorFactory mfa) {
            client = mfa.client();
        }
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return new PortcullisDirectGrantAuthenticator(client);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Portcullis MFA (password grant)";
    }

    @Override
    public String getHelpText() {
        return "Asks the Portcullis policy service whether this password grant needs a second factor, and verifies"
                + " the one-time code sent as 'otp'. Place it after the password check of the direct grant flow.";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return DirectGrantSettings.metadata();
    }
}
