package dev.portcullis.keycloak.password;

import dev.portcullis.keycloak.client.PolicyServiceConnection;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordFormFactory;
import org.keycloak.models.KeycloakSession;

/**
 * {@code portcullis-password-form}: use it in place of "Username Password Form" in the browser flow.
 * It reaches the policy service through the node's {@link PolicyServiceConnection}; the key needs
 * scopes {@code credentials} and {@code events}. When the service cannot answer (or the connection is
 * not configured), the connection's password failure mode decides: open lets the login go on.
 */
public class PortcullisPasswordFormFactory extends UsernamePasswordFormFactory {

    public static final String ID = "portcullis-password-form";

    @Override
    public Authenticator create(KeycloakSession session) {
        return new PortcullisPasswordForm(session, new PasswordReporter(session, PolicyServiceConnection.of(session)));
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Portcullis username password form";
    }

    @Override
    public String getHelpText() {
        return "Keycloak's username and password form; the accepted password is then checked for reuse and"
                + " breaches by the Portcullis policy service.";
    }
}
