package dev.portcullis.keycloak.mfa;

import dev.portcullis.keycloak.client.PolicyServiceClient;
import dev.portcullis.keycloak.client.PolicyServiceSettings;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.AuthenticationFlowCallbackFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * {@code portcullis-mfa}: place it after the password step of the browser flow, as REQUIRED.
 * Options: {@code --spi-authenticator--portcullis-mfa--url} and {@code ...--api-key} (or
 * {@code PORTCULLIS_URL} and {@code PORTCULLIS_API_KEY}); the key needs scope {@code mfa}.
 * Unconfigured, it stops every login with an error page: MFA fails closed.
 */
public class PortcullisMfaAuthenticatorFactory extends MfaStepFactory implements AuthenticationFlowCallbackFactory {

    public static final String ID = "portcullis-mfa";

    private PolicyServiceClient client;

    @Override
    public void init(Config.Scope config) {
        client = PolicyServiceSettings.forProvider(ID, config, "logins through it are refused")
                .map(PolicyServiceClient::new).orElse(null);
    }

    /** The node's one client, shared with the password grant's step; null when not configured. */
    PolicyServiceClient client() {
        return client;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return new PortcullisMfaAuthenticator(client, session);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Portcullis MFA";
    }

    @Override
    public String getHelpText() {
        return "Asks the Portcullis policy service whether this login needs a second factor, then verifies,"
                + " enrols or reminds. Place it after the password step.";
    }

    @Override
    public String getReferenceCategory() {
        return "otp";
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PolicyServiceSettings.metadata();
    }
}
