package dev.portcullis.keycloak.password;

import dev.portcullis.keycloak.client.Account;
import dev.portcullis.keycloak.client.FailureMode;
import dev.portcullis.keycloak.client.PolicyServiceConnection;
import dev.portcullis.keycloak.client.PolicyServiceException;
import dev.portcullis.keycloak.client.PolicyServiceRejection;
import dev.portcullis.keycloak.client.UserFacts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Checks and registers Keycloak passwords (service {@code keycloak}) with the policy service. When it
 * cannot be reached, the configured failure mode decides (open by default), and a
 * {@code PASSWORD_CHECK_SKIPPED} event is journaled for the audit log (in a transaction of its own,
 * kept whether or not the password is saved), delivered once it is back.
 */
public final class PasswordReporter {

    public static final String SERVICE = "keycloak";

    private static final Logger LOG = Logger.getLogger(PasswordReporter.class);

    private final KeycloakSession session;
    private final PolicyServiceConnection policyService;

    PasswordReporter(KeycloakSession session, PolicyServiceConnection policyService) {
        this.session = session;
        this.policyService = policyService;
    }

    /** When a check also registers the password, in one call (one computation of its fingerprints). */
    public enum Registration {
        /** The password is about to be saved: registered unless the verdict is BLOCK. */
        UNLESS_BLOCKED("true"),
        /** Keycloak has just accepted it: it is in use, registered whatever the verdict. */
        ALWAYS("always");

        private final String parameter;

        Registration(String parameter) {
            this.parameter = parameter;
        }
    }

    /**
     * Checks and registers the password in one call. A service that cannot answer is recorded as a
     * skipped check (the failure mode decides); one that refuses the check as a refused one.
     */
    public PasswordCheck checkAndRegister(RealmModel realm, UserModel user, String password, String client,
            Registration registration) {
        try {
            return PasswordCheck.answered(policyService.client().checkPassword(Account.of(realm, user), SERVICE, password,
                    UserFacts.groups(user), UserFacts.roles(realm, user), client, registration.parameter));
        } catch (PolicyServiceException | PolicyServiceRejection e) {
            PasswordCheck check = PasswordCheck.failed(e);
            if (check.refused()) {
                refused(user, check, e);
            } else {
                skipped(user, "check", e);
            }
            return check;
        }
    }

    public boolean failsClosed() {
        return policyService.passwordFailureMode() == FailureMode.CLOSED;
    }

    private void skipped(UserModel user, String step, RuntimeException e) {
        LOG.warnf("Password %s for %s skipped: %s", step, user.getUsername(), e.getMessage());
        policyService.forwardNow(session, List.of(Map.of("time", Instant.now().toString(), "type", "PASSWORD_CHECK_SKIPPED",
                "subject", user.getUsername(), "subjectId", user.getId(), "outcome", "failure",
                "details", Map.of("service", SERVICE, "step", step,
                        "failureMode", failsClosed() ? "closed" : "open"))));
    }

    private void refused(UserModel user, PasswordCheck check, RuntimeException e) {
        LOG.warnf("Password check for %s refused by the policy service (%d): %s; the password is refused",
                user.getUsername(), check.status(), e.getMessage());
        policyService.forwardNow(session, List.of(Map.of("time", Instant.now().toString(), "type", "PASSWORD_CHECK_REFUSED",
                "subject", user.getUsername(), "subjectId", user.getId(), "outcome", "failure",
                "details", Map.of("service", SERVICE, "status", check.status(),
                        "retryAfterSeconds", check.retryAfterSeconds()))));
    }
}
