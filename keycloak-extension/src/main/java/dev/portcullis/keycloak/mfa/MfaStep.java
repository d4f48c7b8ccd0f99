package dev.portcullis.keycloak.mfa;

import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * What the Portcullis MFA steps share as Keycloak authenticators: they run once the person is known,
 * for everyone (the policy service decides whether a factor is needed), and set no required action.
 */
abstract class MfaStep implements Authenticator {

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
