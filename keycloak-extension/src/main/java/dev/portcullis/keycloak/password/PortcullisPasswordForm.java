package dev.portcullis.keycloak.password;

import dev.portcullis.keycloak.client.Answers;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordForm;
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
        Optional<Answers.PasswordVerdict> verdict = reporter.checkAndRegister(context.getRealm(), user, password,
                context.getAuthenticationSession().getClient().getClientId(), PasswordReporter.Registration.ALWAYS);
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

    /** Which stored password this is: it changes whenever the password does. */
    static String marker(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE)
                .findFirst().map(c -> c.getId() + ":" + c.getCreatedDate()).orElse(null);
    }
}
