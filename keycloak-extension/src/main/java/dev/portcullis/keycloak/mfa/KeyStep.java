package dev.portcullis.keycloak.mfa;

import java.util.Map;
import java.util.Set;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.CommonClientSessionModel.ExecutionStatus;

/**
 * The hand-over between the MFA step and the flow's key subflow. The MFA step asks for a key
 * ({@link #ask}); {@code portcullis-condition-method} then runs the subflow, where Keycloak's own
 * WebAuthn authenticator checks it. Only that authenticator's success in the subflow settles the
 * request ({@link #settleIfProven}); a request still open when the flow ends stops the login, so a
 * flow without the subflow, or with the key step optional, fails closed.
 */
final class KeyStep {

    static final String NOTE = "portcullis.key";
    static final String ASKED = "asked";
    /** Keycloak's WebAuthn authenticators: the second-factor one, and the passkey one. */
    static final Set<String> AUTHENTICATORS = Set.of("webauthn-authenticator", "webauthn-authenticator-passwordless");
    static final String REGISTER_ACTION = "webauthn-register";

    private KeyStep() {
    }

    static void ask(AuthenticationSessionModel session) {
        session.setAuthNote(NOTE, ASKED);
    }

    static boolean asked(AuthenticationSessionModel session) {
        return ASKED.equals(session.getAuthNote(NOTE));
    }

    static void forget(AuthenticationSessionModel session) {
        session.removeAuthNote(NOTE);
    }

    /**
     * Called when the subflow that holds the condition succeeded: the key counts only if one of
     * Keycloak's WebAuthn authenticators in that same subflow succeeded in this login.
     */
    static boolean settleIfProven(AuthenticationFlowContext context) {
        AuthenticationSessionModel session = context.getAuthenticationSession();
        if (!asked(session)) {
            return false;
        }
        Map<String, ExecutionStatus> statuses = session.getExecutionStatus();
        boolean proven = context.getRealm().getAuthenticationExecutionsStream(context.getExecution().getParentFlow())
                .filter(execution -> AUTHENTICATORS.contains(execution.getAuthenticator()))
                .anyMatch(execution -> statuses.get(execution.getId()) == ExecutionStatus.SUCCESS);
        if (proven) {
            forget(session);
        }
        return proven;
    }

    /**
     * Keycloak's own registration page runs after the flow, then {@link KeyProof} sends the person to
     * prove the new key: no code is issued before both.
     */
    static void requireRegistration(AuthenticationSessionModel session) {
        if (!session.getRequiredActions().contains(REGISTER_ACTION)) {
            session.addRequiredAction(REGISTER_ACTION);
        }
        if (!session.getRequiredActions().contains(KeyProof.ID)) {
            session.addRequiredAction(KeyProof.ID);
        }
    }

    /** A key is to be registered, and proven, once the flow has run. */
    static boolean registrationPending(AuthenticationSessionModel session) {
        return session.getRequiredActions().contains(KeyProof.ID);
    }
}
