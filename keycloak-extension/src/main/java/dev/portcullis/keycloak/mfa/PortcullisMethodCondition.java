package dev.portcullis.keycloak.mfa;

import org.keycloak.authentication.AuthenticationFlowCallback;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * {@code portcullis-condition-method}: true when the MFA step decided that this login proves a
 * security key, so that the subflow around it runs Keycloak's WebAuthn authenticator. When that
 * subflow succeeds with the key, the login has reached the phishing-resistant level.
 */
final class PortcullisMethodCondition implements ConditionalAuthenticator, AuthenticationFlowCallback {

    static final PortcullisMethodCondition INSTANCE = new PortcullisMethodCondition();

    @Override
    public boolean matchCondition(AuthenticationFlowContext context) {
        return KeyStep.asked(context.getAuthenticationSession());
    }

    @Override
    public void onParentFlowSuccess(AuthenticationFlowContext context) {
        if (KeyStep.settleIfProven(context)) {
            Levels.reached(context, Assurance.PHISHING_RESISTANT);
        }
    }

    @Override
    public void action(AuthenticationFlowContext context) {
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
