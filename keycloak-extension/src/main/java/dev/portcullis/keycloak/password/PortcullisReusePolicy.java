package dev.portcullis.keycloak.password;

import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PolicyError;

/**
 * Password policy {@code portcullisReuse}: every new password is checked by the policy service, and a
 * BLOCK is refused with the reason ("you already use this password for vpn"). The same call registers
 * it (one computation of its fingerprints), unless it is blocked. Once the transaction that saves it
 * commits, the new password is marked as reported, so the next login does not send it again; if the
 * save rolls back, the mark goes, so that the next login reports the password Keycloak really holds.
 * Put it last in the realm's password policy, so that it runs only once the others have passed.
 */
final class PortcullisReusePolicy implements PasswordPolicyProvider {

    private final KeycloakSession session;
    private final PasswordReporter reporter;

    PortcullisReusePolicy(KeycloakSession session, PasswordReporter reporter) {
        this.session = session;
        this.reporter = reporter;
    }

    @Override
    public PolicyError validate(RealmModel realm, UserModel user, String password) {
        if (user == null) {
            return null;
        }
        PasswordCheck check = reporter.checkAndRegister(realm, user, password, null,
                PasswordReporter.Registration.UNLESS_BLOCKED);
        PolicyError error = check.policyError(reporter.failsClosed());
        if (error != null || check.verdict() == null) {
            return error;
        }
        if (check.verdict().wasRegistered()) {
            String realmId = realm.getId();
            String userId = user.getId();
            KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
            session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
                @Override
                protected void commitImpl() {
                    mark(factory, realmId, userId, true);
                }

                @Override
                protected void rollbackImpl() {
                    mark(factory, realmId, userId, false);
                }
            });
        }
        return null;
    }

    /** Records (or forgets) which stored password was reported, in a transaction of its own. */
    static void mark(KeycloakSessionFactory factory, String realmId, String userId, boolean reported) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            RealmModel realm = session.realms().getRealm(realmId);
            if (realm == null) {
                return;
            }
            session.getContext().setRealm(realm);
            UserModel user = session.users().getUserById(realm, userId);
            if (user == null) {
                return;
            }
            String marker = PortcullisPasswordForm.marker(user);
            if (reported && marker != null) {
                user.setSingleAttribute(PortcullisPasswordForm.REPORTED, marker);
            } else {
                user.removeAttribute(PortcullisPasswordForm.REPORTED);
            }
        });
    }

    @Override
    public PolicyError validate(String username, String password) {
        return null;
    }

    @Override
    public Object parseConfig(String value) {
        return null;
    }

    @Override
    public void close() {
    }
}
