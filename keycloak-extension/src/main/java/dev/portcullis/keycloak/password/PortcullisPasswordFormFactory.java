package dev.portcullis.keycloak.password;

import dev.portcullis.keycloak.client.PolicyServiceSettings;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordFormFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * {@code portcullis-password-form}: use it in place of "Username Password Form" in the browser flow.
 * Options as for every Portcullis provider ({@code --spi-authenticator--portcullis-password-form--...}
 * or {@code PORTCULLIS_URL}, {@code PORTCULLIS_API_KEY}); the key needs scopes {@code credentials}
 * and {@code events}. Unconfigured, it behaves exactly like Keycloak's form.
 */
public class PortcullisPasswordFormFactory extends UsernamePasswordFormFactory {

    public static final String ID = "portcullis-password-form";


    private PasswordReporter reporter;

    @Override
    public void init(Config.Scope config) {
        reporter = PolicyServiceSettings.forProvider(ID, config, "passwords are not checked at login")
                .map(PasswordReporter::new).orElse(null);
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return new PortcullisPasswordForm(session, reporter);
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

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PolicyServiceSettings.metadata();
    }

    @Override
    public void close() {
        if (reporter != null) {
            reporter.close();
        }
    }
}
