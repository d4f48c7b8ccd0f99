package dev.portcullis.keycloak.mfa;

import dev.portcullis.keycloak.client.DecisionAhead;
import dev.portcullis.keycloak.client.PolicyServiceConnection;
import java.util.List;
import org.keycloak.authentication.AuthenticationFlowCallbackFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * {@code portcullis-mfa}: place it after the password step of the browser flow, as REQUIRED.
 * It reaches the policy service through the node's {@link PolicyServiceConnection} (SPI
 * {@code portcullis}); the key needs scope {@code mfa}. Unconfigured or unreachable, it stops every
 * login with an error page: MFA fails closed.
 */
public class PortcullisMfaAuthenticatorFactory extends MfaStepFactory implements AuthenticationFlowCallbackFactory {

    public static final String ID = DecisionAhead.MFA_STEP;

    @Override
    public Authenticator create(KeycloakSession session) {
        return new PortcullisMfaAuthenticator(PolicyServiceConnection.of(session), session);
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
        return List.of();
    }
}
