package dev.portcullis.keycloak.password;

import dev.portcullis.keycloak.client.Answers;
import java.util.Optional;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.policy.PasswordPolicyProvider;
import org.keycloak.policy.PolicyError;

/**
 * Password policy {@code portcullisReuse}: every new password is checked by the policy service, and a
 * BLOCK is refused with the reason ("you already use this password for vpn"). The fingerprint is
 * registered only after the transaction that saves the password commits.
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
        if (reporter == null || user == null) {
            return null;
        }
        Optional<Answers.PasswordVerdict> verdict = reporter.check(realm, user, password, null);
        if (verdict.isEmpty()) {
            return reporter.failsClosed() ? new PolicyError("portcullisUnavailable") : null;
        }
        if (verdict.get().blocked()) {
            return PasswordMessages.error(verdict.get());
        }
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                reporter.register(user, password);
            }

            @Override
            protected void rollbackImpl() {
            }
        });
        return null;
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
