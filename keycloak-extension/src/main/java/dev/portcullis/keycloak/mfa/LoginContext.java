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
    static final String PASSWORDLESS = "webauthn-passwordless";
    static final String PASSKEY = "passkey";

    private LoginContext() {
    }

    /** What this person must do to log in to this client, as the policy service decides it. */
    static Answers.LoginDecision decide(PolicyServiceClient policyService, AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        return policyService.decide(user.getUsername(), UserFacts.groups(user), UserFacts.roles(context.getRealm(), user),
                client(context), enrolledMethods(user));
    }

    /**
     * The password Keycloak holds is in use elsewhere too (another service reported it since): the
     * person changes it once the login is through, as with a reused password at the password form.
     */
    static void changePasswordIfReused(AuthenticationFlowContext context, Answers.LoginDecision decision) {
        if (!decision.changePassword().isEmpty()) {
            context.getUser().addRequiredAction(UserModel.RequiredAction.UPDATE_PASSWORD);
        }
    }

    static String client(AuthenticationFlowContext context) {
        return context.getAuthenticationSession().getClient().getClientId();
    }

    /**
     * The person's keys as Keycloak holds them: {@code webauthn}, a security key registered as a
     * second factor (what the flow's key step checks), and {@code passkey}, a passwordless one (counted
     * in the console's coverage). TOTP lives in the policy service, which knows it.
     */
    static List<String> enrolledMethods(UserModel user) {
        List<String> methods = new java.util.ArrayList<>(2);
        if (has(user, WEBAUTHN)) {
            methods.add(WEBAUTHN);
        }
        if (has(user, PASSWORDLESS)) {
            methods.add(PASSKEY);
        }
        return List.copyOf(methods);
    }

    private static boolean has(UserModel user, String credentialType) {
        return user.credentialManager().getStoredCredentialsByTypeStream(credentialType).findAny().isPresent();
    }
}
