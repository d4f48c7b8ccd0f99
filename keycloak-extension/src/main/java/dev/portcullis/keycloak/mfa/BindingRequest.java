package dev.portcullis.keycloak.mfa;

import java.util.Set;
import org.keycloak.models.Constants;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * A request to bind a factor that did not come from the MFA step: an application-initiated action
 * ({@code kc_action=webauthn-register}, which Keycloak's account console sends for "Set up security
 * key"), or such a required action an admin set on the user. Left to Keycloak, it would register a
 * key after whatever the login proved, a relayed code, or just the SSO cookie. The MFA step takes it
 * out of Keycloak's hands ({@link #take}) and grants it only after the person proves, in this very
 * login, what binding takes for them: their factor, or an access pass, and the new key then proves
 * itself before any code ({@link KeyProof}).
 */
final class BindingRequest {

    /** Keycloak's required actions that bind a factor. */
    static final Set<String> ACTIONS = Set.of(KeyStep.REGISTER_ACTION, "webauthn-register-passwordless",
            UserModel.RequiredAction.CONFIGURE_TOTP.name());
    static final String NOTE = "portcullis.bind-requested";

    private BindingRequest() {
    }

    /**
     * Removes a binding {@code kc_action} and the user's binding required actions, so that Keycloak
     * runs none of them, and remembers for this authentication that one was asked for.
     *
     * @return whether this login carries such a request
     */
    static boolean take(AuthenticationSessionModel session, UserModel user) {
        boolean requested = requested(session);
        String action = session.getClientNote(Constants.KC_ACTION);
        if (action != null && ACTIONS.contains(action)) {
            session.removeClientNote(Constants.KC_ACTION);
            requested = true;
        }
        for (String required : ACTIONS) {
            if (user != null && user.getRequiredActionsStream().anyMatch(required::equals)) {
                user.removeRequiredAction(required);
                requested = true;
            }
            if (session.getRequiredActions().contains(required) && !KeyStep.registrationPending(session)) {
                session.removeRequiredAction(required);
                requested = true;
            }
        }
        if (requested) {
            session.setAuthNote(NOTE, "true");
        }
        return requested;
    }

    /** A binding request was taken over in this authentication. */
    static boolean requested(AuthenticationSessionModel session) {
        return "true".equals(session.getAuthNote(NOTE));
    }

    /** This login came through the SSO cookie: no password was typed in it. */
    static boolean throughCookie(AuthenticationSessionModel session) {
        return "true".equals(session.getAuthNote(AuthenticationManager.SSO_AUTH));
    }
}
