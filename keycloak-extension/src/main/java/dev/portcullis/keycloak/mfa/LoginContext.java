package dev.portcullis.keycloak.mfa;

import java.util.List;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.UserModel;

/**
 * What the policy service needs to know of a login beyond the person's groups and roles
 * ({@link dev.portcullis.keycloak.client.UserFacts}): the client, and the factors Keycloak holds.
 */
final class LoginContext {

    static final String WEBAUTHN = "webauthn";

    private LoginContext() {
    }

    static String client(AuthenticationFlowContext context) {
        return context.getAuthenticationSession().getClient().getClientId();
    }

    static List<String> enrolledMethods(UserModel user) {
        boolean webauthn = user.credentialManager().getStoredCredentialsByTypeStream(WEBAUTHN).findAny().isPresent();
        return webauthn ? List.of(WEBAUTHN) : List.of();
    }
}
