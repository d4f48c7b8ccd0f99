package dev.portcullis.keycloak.mfa;

import dev.portcullis.keycloak.client.Answers;
import dev.portcullis.keycloak.client.PolicyServiceClient;
import dev.portcullis.keycloak.client.UserFacts;
import java.util.List;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.UserModel;

/**
 * What the policy service needs to know of a login: the person's groups and roles ({@link UserFacts}),
 * the client, and the factors Keycloak holds.
 */
final class LoginContext {

    static final String WEBAUTHN = "webauthn";

    private LoginContext() {
    }

    /** What this person must do to log in to this client, as the policy service decides it. */
    static Answers.LoginDecision decide(PolicyServiceClient policyService, AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        return policyService.decide(user.getUsername(), UserFacts.groups(user), UserFacts.roles(context.getRealm(), user),
                client(context), enrolledMethods(user));
    }

    static String client(AuthenticationFlowContext context) {
        return context.getAuthenticationSession().getClient().getClientId();
    }

    static List<String> enrolledMethods(UserModel user) {
        boolean webauthn = user.credentialManager().getStoredCredentialsByTypeStream(WEBAUTHN).findAny().isPresent();
        return webauthn ? List.of(WEBAUTHN) : List.of();
    }
}
