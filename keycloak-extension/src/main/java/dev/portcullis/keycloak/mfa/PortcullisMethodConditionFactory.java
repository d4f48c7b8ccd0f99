package dev.portcullis.keycloak.mfa;

import java.util.List;
import org.keycloak.authentication.AuthenticationFlowCallbackFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticatorFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * {@code portcullis-condition-method}: the first execution (REQUIRED) of a CONDITIONAL subflow
 * placed right after {@code portcullis-mfa}, with Keycloak's {@code webauthn-authenticator} as the
 * second (REQUIRED). The MFA step decides; this condition follows it.
 */
public class PortcullisMethodConditionFactory extends MfaStepFactory implements ConditionalAuthenticatorFactory,
        AuthenticationFlowCallbackFactory {

    public static final String ID = "portcullis-condition-method";

    @Override
    public ConditionalAuthenticator getSingleton() {
        return PortcullisMethodCondition.INSTANCE;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return getSingleton();
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Condition - Portcullis security key";
    }

    @Override
    public String getHelpText() {
        return "True when Portcullis decided that this login proves a security key (WebAuthn). Put it first in a"
                + " conditional subflow after Portcullis MFA, with WebAuthn Authenticator as REQUIRED.";
    }

    @Override
    public String getReferenceCategory() {
        return ConditionalAuthenticatorFactory.REFERENCE_CATEGORY;
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
