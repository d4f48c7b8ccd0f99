package dev.portcullis.keycloak.mfa;

import java.util.List;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The direct-grant step's configuration, from its execution's authenticator config.
 * {@code allow-grace} (default false): whether a person in their enrolment grace period gets a token
 * with the password alone. A grace period cannot show a reminder here, so by default it does not
 * open this door.
 */
record DirectGrantSettings(boolean allowGrace) {

    static final String ALLOW_GRACE = "allow-grace";
    static final DirectGrantSettings DEFAULTS = new DirectGrantSettings(false);

    static DirectGrantSettings of(AuthenticatorConfigModel config) {
        if (config == null || config.getConfig() == null) {
            return DEFAULTS;
        }
        return new DirectGrantSettings(Boolean.parseBoolean(config.getConfig().get(ALLOW_GRACE)));
    }

    static List<ProviderConfigProperty> metadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(ALLOW_GRACE).type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false")
                .label("Password alone during the grace period")
                .helpText("Give a token with the password alone to people whose enrolment grace period is running."
                        + " Off by default: the password grant cannot remind them, so a grace period does not open it.")
                .add().build();
    }
}
