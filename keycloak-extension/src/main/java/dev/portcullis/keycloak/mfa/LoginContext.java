package dev.portcullis.keycloak.mfa;

import dev.portcullis.keycloak.client.UserFacts;
import java.util.List;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.UserModel;

/** What the policy service needs to know of a login: group paths, realm roles, client, factors Keycloak holds. */
final class LoginContext {

    static final String WEBAUTHN = "webauthn";

    private LoginContext() {
    }

    static List<String> groups(UserModel user) {
        return UserFacts.groups(user);
    }

    static List<String> roles(AuthenticationFlowContext context) {
        return UserFacts.roles(context.getRealm(), context.getUser());
    }

    static String client(AuthenticationFlowContext context) {
        return context.getAuthenticationSession().getClient().getClientId();
    }

    static List<String> enrolledMethods(UserModel user) {
        boolean webauthn = user.credentialManager().getStoredCredentialsByTypeStream(WEBAUTHN).findAny().isPresent();
        return webauthn ? List.of(WEBAUTHN) : List.of();
    }
}
