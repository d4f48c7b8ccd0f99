package dev.portcullis.keycloak.mfa;

import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.AuthenticationFlowException;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.messages.Messages;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The end of a flow that ran the MFA step: a level is reached, not promised. A client's essential
 * {@code acr} not reached ends in Keycloak's own error, as its level conditions would give it (the
 * realm declares them in a disabled subflow, where they never run). A key the MFA step asked for and
 * no key subflow proved means the flow lacks its key subflow. Any other login below the level it must
 * reach stops too. The one exception is a key about to be registered: {@link KeyProof} lets no code
 * through until it is proven.
 */
final class LevelGate {

    private static final Logger LOG = Logger.getLogger(LevelGate.class);

    private LevelGate() {
    }

    static void check(KeycloakSession keycloak, AuthenticationSessionModel session, AuthenticationFlowModel topFlow,
            int required) {
        if (KeyStep.asked(session)) {
            KeyStep.forget(session);
            LOG.errorf("Flow %s asked for a security key that nothing proved: it needs a conditional subflow of %s"
                    + " and a REQUIRED webauthn-authenticator after portcullis-mfa. The login is stopped.",
                    topFlow.getAlias(), PortcullisMethodConditionFactory.ID);
            throw new AuthenticationFlowException(AuthenticationFlowError.GENERIC_AUTHENTICATION_ERROR,
                    "security key not proven", "portcullisKeyStepMissing");
        }
        if (KeyStep.registrationPending(session)) {
            return; // a key is registered next, and proven before any code (KeyProof)
        }
        AcrStore levels = new AcrStore(keycloak, session);
        int reached = levels.getLevelOfAuthenticationFromCurrentAuthentication();
        if (levels.isLevelOfAuthenticationForced()
                && !levels.isLevelOfAuthenticationSatisfiedFromCurrentAuthentication(topFlow)) {
            throw new AuthenticationFlowException(AuthenticationFlowError.GENERIC_AUTHENTICATION_ERROR,
                    "Forced level of authentication did not meet the requirements. Requested level: "
                            + levels.getRequestedLevelOfAuthentication(topFlow) + ", Fulfilled level: " + reached,
                    Messages.ACR_NOT_FULFILLED);
        }
        if (reached < required) {
            LOG.warnf("The login of %s reached level %d where %d is required: it is stopped.",
                    session.getAuthenticatedUser() == null ? "?" : session.getAuthenticatedUser().getUsername(),
                    reached, required);
            throw new AuthenticationFlowException(AuthenticationFlowError.GENERIC_AUTHENTICATION_ERROR,
                    "level " + required + " not reached", "portcullisLevelNotReached");
        }
    }
}
