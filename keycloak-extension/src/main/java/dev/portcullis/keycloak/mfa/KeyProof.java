package dev.portcullis.keycloak.mfa;

import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;

/**
 * {@code portcullis-key-proof}: a security key registered during a login is proven before that login
 * gets a code. The MFA step adds it together with Keycloak's {@code webauthn-register}, which runs
 * first (the realm's priorities: this action after the registration); when it runs, the login has
 * proven at most what came before the registration, never the new key. So it stops there and sends
 * the person back to the start of the sign-in, where the flow's key step asks for the key just
 * registered: a level the client demands is reached with the key, not promised. It does not tell the
 * person's key from a relay's (a relay proves its own key too): only a policy that binds with an
 * access pass keeps a relay from registering one.
 * <p>
 * It lets the login through only if this login already proved a key (a second key being added).
 */
final class KeyProof implements RequiredActionProvider {

    static final String ID = "portcullis-key-proof";
    static final String TEMPLATE = "portcullis-key-proof.ftl";

    static final KeyProof INSTANCE = new KeyProof();

    /** Whether the realm runs this action: without it, no key is registered in a login. */
    static boolean enabledIn(RealmModel realm) {
        RequiredActionProviderModel model = realm.getRequiredActionProviderByAlias(ID);
        return model != null && model.isEnabled();
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        AcrStore levels = new AcrStore(context.getSession(), context.getAuthenticationSession());
        if (levels.getLevelOfAuthenticationFromCurrentAuthentication() >= Assurance.PHISHING_RESISTANT) {
            context.success();
            return;
        }
        context.challenge(context.form().createForm(TEMPLATE));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        requiredActionChallenge(context);
    }

    @Override
    public void close() {
    }
}
