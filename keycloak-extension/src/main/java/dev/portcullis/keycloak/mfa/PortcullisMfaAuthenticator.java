package dev.portcullis.keycloak.mfa;

import dev.portcullis.keycloak.client.Answers;
import dev.portcullis.keycloak.client.PolicyServiceClient;
import dev.portcullis.keycloak.client.PolicyServiceException;
import dev.portcullis.keycloak.client.PolicyServiceRejection;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The second step of the employee login: asks the policy service what this person must do, then
 * verifies a code (or a recovery code), enrols an authenticator (QR code, key, first code, then the
 * recovery codes once), reminds during the grace period, or stops a locked person. Fails closed:
 * when the policy service cannot answer, nobody who might need MFA gets in.
 * <p>
 * It runs on every login, including one through the SSO cookie: what the session proved before
 * ({@link Levels}) counts only when it reaches what this client's decision demands, or what the
 * client asked for; otherwise the person is stepped up before any code is returned. The level
 * reached is recorded for the token's {@code acr}.
 */
final class PortcullisMfaAuthenticator extends MfaStep {

    static final String STAGE = "portcullis.stage";
    static final String ENROL_SECRET = "portcullis.enrol.secret";
    static final String ENROL_QR = "portcullis.enrol.qr";

    private static final Logger LOG = Logger.getLogger(PortcullisMfaAuthenticator.class);

    private final PolicyServiceClient client;

    PortcullisMfaAuthenticator(PolicyServiceClient client) {
        this.client = client;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (client == null) {
            unavailable(context, "the portcullis-mfa authenticator is not configured");
            return;
        }
        Answers.LoginDecision decision;
        try {
            decision = LoginContext.decide(client, context);
        } catch (PolicyServiceException | PolicyServiceRejection e) {
            unavailable(context, e.getMessage());
            return;
        }
        if ("DENY".equals(decision.action())) {
            locked(context);
            return;
        }
        int required = Assurance.required(decision, Levels.requested(context));
        int proven = Levels.proven(context);
        if (proven >= required) {
            Levels.reused(context, proven);
            context.success();
            return;
        }
        switch (decision.action()) {
            case "VERIFY" -> show(context, Stage.VERIFY, Templates.CODE);
            case "ENROL" -> startEnrolment(context);
            // a client that asks for a second factor gets one: no reminder, no "later"
            default -> {
                if (required > Assurance.PASSWORD) {
                    startEnrolment(context);
                } else if ("ENROL_OPTIONAL".equals(decision.action())) {
                    showReminder(context, decision);
                } else {
                    succeed(context, Assurance.PASSWORD);
                }
            }
        }
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String stage = context.getAuthenticationSession().getAuthNote(STAGE);
        try {
            switch (stage == null ? "" : stage) {
                case Stage.VERIFY -> {
                    if (form.containsKey("use-recovery")) {
                        show(context, Stage.RECOVERY, Templates.RECOVERY);
                    } else {
                        verifyCode(context, form.getFirst("code"));
                    }
                }
                case Stage.RECOVERY -> verifyRecoveryCode(context, form.getFirst("recoveryCode"));
                case Stage.REMIND -> {
                    if ("setup".equals(form.getFirst("choice"))) {
                        startEnrolment(context);
                    } else {
                        succeed(context, Assurance.PASSWORD);
                    }
                }
                case Stage.ENROL -> confirmEnrolment(context, form.getFirst("code"));
                case Stage.RECOVERY_CODES -> succeed(context, Assurance.SECOND_FACTOR);
                default -> authenticate(context);
            }
        } catch (PolicyServiceRejection rejected) {
            if (rejected.locked() || rejected.throttled()) {
                locked(context);
            } else {
                unavailable(context, rejected.status() + " " + rejected.getMessage());
            }
        } catch (PolicyServiceException e) {
            unavailable(context, e.getMessage());
        }
    }

    private void verifyCode(AuthenticationFlowContext context, String code) {
        String subject = context.getUser().getUsername();
        Answers.TotpVerification result;
        try {
            result = client.verifyTotp(subject, digits(code));
        } catch (PolicyServiceRejection rejected) {
            if (!rejected.malformed()) {
                throw rejected;
            }
            // letters or the wrong length: not right either, and worth no lockout step
            context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, context.form()
                    .setError("portcullisMalformedCode").createForm(Templates.CODE));
            return;
        }
        if (result.valid()) {
            succeed(context, Assurance.SECOND_FACTOR);
            return;
        }
        if (result.remainingAttempts() <= 0) {
            locked(context); // that wrong code was the last one allowed
            return;
        }
        Response form = context.form()
                .setAttribute("remainingAttempts", result.remainingAttempts())
                .setError("portcullisInvalidCode", result.remainingAttempts())
                .createForm(Templates.CODE);
        context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, form);
    }

    private void verifyRecoveryCode(AuthenticationFlowContext context, String code) {
        String subject = context.getUser().getUsername();
        Answers.RecoveryVerification result;
        try {
            result = client.verifyRecoveryCode(subject, code == null ? "" : code.trim());
        } catch (PolicyServiceRejection rejected) {
            if (!rejected.malformed()) {
                throw rejected;
            }
            result = new Answers.RecoveryVerification(false, -1);
        }
        if (result.valid()) {
            succeed(context, Assurance.SECOND_FACTOR);
            return;
        }
        Response form = context.form().setError("portcullisInvalidRecoveryCode").createForm(Templates.RECOVERY);
        context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, form);
    }

    private void startEnrolment(AuthenticationFlowContext context) {
        Answers.Enrolment enrolment;
        try {
            enrolment = client.startEnrolment(context.getUser().getUsername());
        } catch (PolicyServiceRejection rejected) {
            if (rejected.locked() || rejected.throttled()) {
                locked(context);
                return;
            }
            throw rejected;
        }
        AuthenticationSessionModel session = context.getAuthenticationSession();
        session.setAuthNote(ENROL_SECRET, enrolment.secret());
        session.setAuthNote(ENROL_QR, enrolment.qrCode());
        showEnrolment(context, null);
    }

    private void confirmEnrolment(AuthenticationFlowContext context, String code) {
        AuthenticationSessionModel session = context.getAuthenticationSession();
        try {
            Answers.RecoveryCodes codes = client.confirmEnrolment(context.getUser().getUsername(), digits(code));
            session.removeAuthNote(ENROL_SECRET);
            session.removeAuthNote(ENROL_QR);
            session.setAuthNote(STAGE, Stage.RECOVERY_CODES);
            context.challenge(context.form().setAttribute("recoveryCodes", codes.recoveryCodes())
                    .createForm(Templates.RECOVERY_CODES));
        } catch (PolicyServiceRejection rejected) {
            if (rejected.status() == 422 || rejected.status() == 400) {
                showEnrolment(context, "portcullisInvalidCode");
            } else {
                throw rejected;
            }
        }
    }

    private void showEnrolment(AuthenticationFlowContext context, String error) {
        AuthenticationSessionModel session = context.getAuthenticationSession();
        String secret = session.getAuthNote(ENROL_SECRET);
        if (secret == null) {
            startEnrolment(context);
            return;
        }
        var form = context.form()
                .setAttribute("qrCode", session.getAuthNote(ENROL_QR))
                .setAttribute("secretGroups", groupsOfFour(secret))
                .setAttribute("secret", secret);
        if (error != null) {
            form.setError(error, "");
        }
        session.setAuthNote(STAGE, Stage.ENROL);
        context.challenge(form.createForm(Templates.ENROL));
    }

    private void showReminder(AuthenticationFlowContext context, Answers.LoginDecision decision) {
        context.getAuthenticationSession().setAuthNote(STAGE, Stage.REMIND);
        context.challenge(context.form()
                .setAttribute("daysLeft", decision.daysLeft() == null ? 0 : decision.daysLeft())
                .setAttribute("enrolBy", decision.enrolBy() == null ? "" : decision.enrolBy().toString().substring(0, 10))
                .createForm(Templates.REMINDER));
    }

    private static void succeed(AuthenticationFlowContext context, int level) {
        context.getAuthenticationSession().removeAuthNote(STAGE);
        Levels.reached(context, level);
        context.success();
    }

    private void show(AuthenticationFlowContext context, String stage, String template) {
        context.getAuthenticationSession().setAuthNote(STAGE, stage);
        context.challenge(context.form().createForm(template));
    }

    private void locked(AuthenticationFlowContext context) {
        context.getAuthenticationSession().removeAuthNote(STAGE);
        context.failure(AuthenticationFlowError.USER_TEMPORARILY_DISABLED,
                context.form().setError("portcullisLocked").createErrorPage(Response.Status.FORBIDDEN));
    }

    private void unavailable(AuthenticationFlowContext context, String why) {
        LOG.warnf("MFA for %s cannot be decided (%s): the login is stopped.", context.getUser().getUsername(), why);
        context.failure(AuthenticationFlowError.INTERNAL_ERROR,
                context.form().setError("portcullisUnavailable").createErrorPage(Response.Status.SERVICE_UNAVAILABLE));
    }

    /** What people type: "123 456" and "123-456" are "123456". */
    static String digits(String code) {
        return code == null ? "" : code.replaceAll("[\\s-]", "");
    }

    static List<String> groupsOfFour(String secret) {
        List<String> groups = new java.util.ArrayList<>();
        for (int i = 0; i < secret.length(); i += 4) {
            groups.add(secret.substring(i, Math.min(secret.length(), i + 4)).toUpperCase(Locale.ROOT));
        }
        return groups;
    }


    /** Where a person is in the second step, kept in the authentication session. */
    static final class Stage {
        static final String VERIFY = "verify";
        static final String RECOVERY = "recovery";
        static final String REMIND = "remind";
        static final String ENROL = "enrol";
        static final String RECOVERY_CODES = "recovery-codes";

        private Stage() {
        }
    }

    /** The FreeMarker pages, in the login theme's templates (theme-resources of this jar). */
    static final class Templates {
        static final String CODE = "portcullis-code.ftl";
        static final String RECOVERY = "portcullis-recovery.ftl";
        static final String ENROL = "portcullis-enrol.ftl";
        static final String RECOVERY_CODES = "portcullis-recovery-codes.ftl";
        static final String REMINDER = "portcullis-reminder.ftl";

        private Templates() {
        }
    }
}
