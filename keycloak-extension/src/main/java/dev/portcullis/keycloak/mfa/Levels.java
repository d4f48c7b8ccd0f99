package dev.portcullis.keycloak.mfa;

import java.util.Map;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.conditional.ConditionalLoaAuthenticator;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.authentication.authenticators.util.LoAUtil;
import org.keycloak.models.Constants;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Keycloak's own level-of-assurance store ({@link AcrStore}) as the MFA steps use it: the level a
 * login reached goes into the authentication session, from there into the client session (the
 * token's {@code acr}, through the realm's ACR-to-LoA mapping) and into the SSO session, so that a
 * later login through the cookie can be stepped up when it reaches a client that demands more.
 */
final class Levels {

    /**
     * How long a proven level counts for later logins of the same SSO session where the flow does not
     * say (Keycloak's default). The flow says it the way Keycloak's own cookie step reads it: the
     * max age of a "Condition - Level of Authentication" for that level anywhere in the flow, even in
     * a disabled subflow that only declares them, so that both agree.
     */
    static final int DEFAULT_MAX_AGE_SECONDS = ConditionalLoaAuthenticator.DEFAULT_MAX_AGE;

    private Levels() {
    }

    /** What the client asked for ({@code acr_values} or {@code claims}), or -1. */
    static int requested(AuthenticationFlowContext context) {
        return store(context).getRequestedLevelOfAuthentication(context.getTopLevelFlow());
    }

    /**
     * The highest level this SSO session proved within that level's max age, or -1 on a fresh login
     * or a forced re-authentication ({@code prompt=login}, {@code max_age}).
     */
    static int proven(AuthenticationFlowContext context) {
        AcrStore store = store(context);
        Map<Integer, Integer> maxAges = LoAUtil.getLoaMaxAgesConfiguredInRealmFlow(context.getRealm(),
                context.getTopLevelFlow().getId());
        for (int level = Assurance.PHISHING_RESISTANT; level >= Assurance.PASSWORD; level--) {
            if (store.isLevelAuthenticatedInPreviousAuth(level, maxAges.getOrDefault(level, DEFAULT_MAX_AGE_SECONDS))) {
                return level;
            }
        }
        return Constants.NO_LOA;
    }

    /** This login proved {@code level} now: for this token and for later logins of the session. */
    static void reached(AuthenticationFlowContext context, int level) {
        store(context).setLevelAuthenticated(level);
        keepInSession(context.getAuthenticationSession());
    }

    /** This login rides on a level the SSO session proved before. */
    static void reused(AuthenticationFlowContext context, int level) {
        store(context).setLevelAuthenticatedToCurrentRequest(level);
        keepInSession(context.getAuthenticationSession());
    }

    private static void keepInSession(AuthenticationSessionModel session) {
        String levels = session.getAuthNote(Constants.LOA_MAP);
        if (levels != null) {
            session.setUserSessionNote(Constants.LOA_MAP, levels);
        }
    }

    private static AcrStore store(AuthenticationFlowContext context) {
        return new AcrStore(context.getSession(), context.getAuthenticationSession());
    }
}
