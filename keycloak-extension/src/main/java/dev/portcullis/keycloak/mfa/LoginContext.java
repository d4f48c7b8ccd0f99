package dev.portcullis.keycloak.mfa;

import dev.portcullis.keycloak.client.Answers;
import dev.portcullis.keycloak.client.DecisionAhead;
import dev.portcullis.keycloak.client.LoginFacts;
import dev.portcullis.keycloak.client.PolicyServiceClient;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.UserModel;

/** What the policy service is told of a login ({@link LoginFacts}), and what its answer changes in Keycloak. */
final class LoginContext {

    private LoginContext() {
    }

    /**
     * What this person must do to log in to this client, as the policy service decides it: the decision
     * the password form asked for ahead ({@link DecisionAhead}) when it is settled and asked for these
     * very facts, else a decision asked for now.
     */
    static Answers.LoginDecision decide(PolicyServiceClient policyService, AuthenticationFlowContext context) {
        LoginFacts facts = LoginFacts.of(context.getRealm(), context.getUser(), client(context));
        return DecisionAhead.take(context.getSession(), facts).orElseGet(() -> policyService.decide(facts));
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
}
