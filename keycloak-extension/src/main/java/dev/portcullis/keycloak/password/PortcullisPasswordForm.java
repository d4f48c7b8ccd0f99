package dev.portcullis.keycloak.password;

import dev.portcullis.keycloak.client.Answers;
import dev.portcullis.keycloak.client.DecisionAhead;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordForm;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * Keycloak's username and password form, plus: once Keycloak has accepted the password, it is
 * checked and registered with the policy service for service {@code keycloak}, unless the stored
 * password has not changed since the last report. BLOCK adds the UPDATE_PASSWORD required action;
 * WARN shows a notice the person acknowledges.
 */
final class PortcullisPasswordForm extends UsernamePasswordForm {

    static final String REPORTED = "portcullis.password-reported";
    static final String NOTICE = "portcullis.password-notice";
    static final String NOTICE_TEMPLATE = "portcullis-password-notice.ftl";

    private final PasswordReporter reporter;

    PortcullisPasswordForm(KeycloakSession session, PasswordReporter reporter) {
        super(session);
        this.reporter = reporter;
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        if (context.getAuthenticationSession().getAuthNote(NOTICE) != null) {
            context.getAuthenticationSession().removeAuthNote(NOTICE);
            context.success();
            return;
        }
        super.action(context);
    }

    @Override
    protected boolean validateForm(AuthenticationFlowContext context, MultivaluedMap<String, String> form) {
        if (!super.validateForm(context, form)) {
            return false;
        }
        UserModel user = context.getUser();
        String marker = marker(user);
        if (marker == null || marker.equals(user.getFirstAttribute(REPORTED))) {
            return true;
        }
        String password = form.getFirst(CredentialModel.PASSWORD);
        PasswordCheck check = reporter.checkAndRegister(context.getRealm(), user, password,
                context.getAuthenticationSession().getClient().getClientId(), PasswordReporter.Registration.ALWAYS);
        if (check.refused()) {
            // answered, not unreachable: never the failure mode's "open"
            var page = context.form();
            if (check.failure() == PasswordCheck.Failure.THROTTLED) {
                page.setError("portcullisPasswordThrottled", check.minutesToWait());
            } else {
                page.setError("portcullisPasswordCheckRefused");
            }
            context.failureChallenge(AuthenticationFlowError.INTERNAL_ERROR, page.createErrorPage(
                    check.failure() == PasswordCheck.Failure.THROTTLED ? Response.Status.TOO_MANY_REQUESTS
                            : Response.Status.FORBIDDEN));
            return false;
        }
        Optional<Answers.PasswordVerdict> verdict = Optional.ofNullable(check.verdict());
        if (verdict.isEmpty()) {
            if (reporter.failsClosed()) {
                context.failureChallenge(AuthenticationFlowError.INTERNAL_ERROR, context.form()
                        .setError("portcullisUnavailable").createErrorPage(Response.Status.SERVICE_UNAVAILABLE));
                return false;
            }
            return true;
        }
        if (verdict.get().wasRegistered()) {
            user.setSingleAttribute(REPORTED, marker);
        }
        if (verdict.get().blocked()) {
            user.addRequiredAction(UserModel.RequiredAction.UPDATE_PASSWORD);
            return true;
        }
        if (verdict.get().warned()) {
            context.getAuthenticationSession().setAuthNote(NOTICE, "shown");
            context.challenge(context.form()
                    .setAttribute("reasons", PasswordMessages.reasons(verdict.get()))
                    .createForm(NOTICE_TEMPLATE));
            return false;
        }
        return true;
    }

    /**
     * While Keycloak checks the password of someone whose password is already reported, the MFA step's
     * decision is asked for ahead ({@link DecisionAhead}): its round trip overlaps the hash. A first
     * report goes first instead, so that the decision sees it. Someone Keycloak's brute-force detection
     * has locked out asks nothing: guessed passwords cost the policy service no more than the detection allows.
     */
    @Override
    public boolean validatePassword(AuthenticationFlowContext context, UserModel user,
            MultivaluedMap<String, String> inputData, boolean clearUser) {
        String password = inputData.getFirst(CredentialModel.PASSWORD);
        String marker = marker(user);
        if (password != null && !password.isEmpty() && marker != null && marker.equals(user.getFirstAttribute(REPORTED))
                && AuthenticatorUtils.getDisabledByBruteForceEventError(context, user) == null) {
            DecisionAhead.ask(context.getSession(), context.getRealm(), context.getTopLevelFlow().getId(), user,
                    context.getAuthenticationSession().getClient().getClientId());
        }
        if (super.validatePassword(context, user, inputData, clearUser)) {
            return true;
        }
        DecisionAhead.drop(context.getSession());
        return false;
    }

    /** Which stored password this is: it changes whenever the password does. */
    static String marker(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE)
                .findFirst().map(c -> c.getId() + ":" + c.getCreatedDate()).orElse(null);
    }
}
