package dev.portcullis.keycloak.mfa;

import dev.portcullis.keycloak.client.PolicyServiceConnection;
import java.util.List;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * {@code portcullis-direct-grant-mfa}: place it after {@code direct-grant-validate-password} in the
 * realm's direct grant flow, as REQUIRED. It reaches the policy service through the node's
 * {@link PolicyServiceConnection}; without one every password grant is refused.
 */
public class PortcullisDirectGrantAuthenticatorFactory extends MfaStepFactory {

    public static final String ID = "portcullis-direct-grant-mfa";

    @Override
    public Authenticator create(KeycloakSession session) {
        return new PortcullisDirectGrantAuthenticator(PolicyServiceConnection.of(session));
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
