package dev.portcullis.keycloak.mfa;

import dev.portcullis.keycloak.client.Account;
import dev.portcullis.keycloak.client.Answers;
import dev.portcullis.keycloak.client.PolicyServiceClient;
import dev.portcullis.keycloak.client.PolicyServiceConnection;
import dev.portcullis.keycloak.client.PolicyServiceException;
import dev.portcullis.keycloak.client.PolicyServiceRejection;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowCallback;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.AuthenticatorUtil;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The second step of the employee login: asks the policy service what this person must do, then
 * verifies a code (or a recovery code), hands over to the flow's key subflow for a security key,
 * enrols an authenticator (QR code, key, first code, then the recovery codes once) or has Keycloak
 * register a key, reminds during the grace period, or stops a locked person. It never asks for or
 * accepts a factor the decision does not list ({@link Plan}). Fails closed: when the policy service
 * cannot answer, nobody who might need MFA gets in, and a key asked for but not proven by the end
 * of the flow stops the login ({@link #onTopFlowSuccess}).
 * <p>
 * It runs on every login, including one through the SSO cookie: what the session proved before
 * ({@link Levels}) counts only when it reaches what this client's decision demands, or what the
 * client asked for; otherwise the person is stepped up before any code is returned. The level
 * reached is recorded for the token's {@code acr}.
 */
final class PortcullisMfaAuthenticator extends MfaStep implements AuthenticationFlowCallback {

    static final String STAGE = "portcullis.stage";
    static final String ENROL_SECRET = "portcullis.enrol.secret";
    static final String ENROL_QR = "portcullis.enrol.qr";
    /** What the decision said to do after the code, kept for the pages that follow. */
    static final String AFTERWARDS = "portcullis.afterwards";
    static final String KEY_TO_SET_UP = "portcullis.key-to-set-up";
    static final String KEY_OFFERED = "portcullis.key-offered";
    static final String DAYS_LEFT = "portcullis.days-left";
    static final String ENROL_BY = "portcullis.enrol-by";
    /** The level proven before the reminder page. */
    static final String LEVEL = "portcullis.level";
    /** Binding a factor in this login takes an access pass. */
    static final String PASS_TO_BIND = "portcullis.pass-to-bind";
    /** An access pass was accepted in this login: one factor may be bound. */
    static final String PASS_USED = "portcullis.pass-used";
    /** A key was asked for by the person (or an admin): binding it takes an access pass here. */
    static final String KEY_PASS_NEEDED = "portcullis.key-pass-needed";
    /** The level this login must reach ({@link Plan#required()}). */
    static final String REQUIRED = "portcullis.required";

    private static final Logger LOG = Logger.getLogger(PortcullisMfaAuthenticator.class);

    private final PolicyServiceConnection policyService;
    private final KeycloakSession keycloak;

    PortcullisMfaAuthenticator(PolicyServiceConnection policyService, KeycloakSession keycloak) {
        this.policyService = policyService;
        this.keycloak = keycloak;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        AuthenticationSessionModel session = context.getAuthenticationSession();
        KeyStep.forget(session);
        AuthenticatorUtil.setAuthCallbacksFactoryIds(session, PortcullisMfaAuthenticatorFactory.ID);
        Answers.LoginDecision decision;
        try {
            decision = LoginContext.decide(policyService.client(), context);
        } catch (PolicyServiceException | PolicyServiceRejection e) {
            unavailable(context, e.getMessage());
            return;
        }
        Plan plan = Plan.of(decision, Levels.requested(context));
        if (plan.step() == Plan.Step.LOCKED) {
            locked(context);
            return;
        }
        LoginContext.changePasswordIfReused(context, decision);
        remember(session, plan, decision);
        boolean bindRequested = BindingRequest.take(session, context.getUser());
        if (bindRequested) {
            // binding is asked for: what binding takes is proven now, never by an earlier level of the session
            // someone with no factor, signed in through the cookie, typed no password now: only a pass binds
            session.setAuthNote(KEY_PASS_NEEDED, Boolean.toString(decision.passNeededToBind(Plan.WEBAUTHN)
                    || BindingRequest.throughCookie(session) && !"VERIFY".equals(decision.action())));
        }
        int proven = bindRequested ? Constants.NO_LOA : Levels.proven(context);
        if (proven >= plan.required()) {
            // what the session proved before counts for this login; it binds nothing new
            Levels.reused(context, proven);
            context.success();
            return;
        }
        switch (plan.step()) {
            case CODE -> show(context, Stage.VERIFY, Templates.CODE);
            case KEY -> {
                if (bindRequested && keyPassNeeded(session)) {
                    askPassForKey(context);
                } else {
                    if (bindRequested) {
                        registerKey(context, null); // proven by the key the subflow asks for now
                    }
                    askForKey(context);
                }
            }
            case ENROL_TOTP -> startEnrolment(context);
            case REGISTER_KEY -> registerKey(context, Assurance.PASSWORD);
            case PASS -> showPass(context);
            case REMIND -> showReminder(context, Assurance.PASSWORD);
            default -> {
                if (bindRequested && keyPassNeeded(session)) {
                    askPassForKey(context);
                } else if (bindRequested) {
                    registerKey(context, Assurance.PASSWORD); // a first key, where the password binds one
                } else {
                    succeed(context, Assurance.PASSWORD);
                }
            }
        }
    }

    /** Asked to add a key, where that takes an access pass: the pass first, then Keycloak's registration. */
    private void askPassForKey(AuthenticationFlowContext context) {
        context.getAuthenticationSession().setAuthNote(KEY_TO_SET_UP, "true");
        showPass(context);
    }

    private static boolean keyPassNeeded(AuthenticationSessionModel session) {
        return Boolean.parseBoolean(session.getAuthNote(KEY_PASS_NEEDED));
    }

    private static void remember(AuthenticationSessionModel session, Plan plan, Answers.LoginDecision decision) {
        session.setAuthNote(AFTERWARDS, plan.afterwards().name());
        session.setAuthNote(KEY_TO_SET_UP, Boolean.toString(plan.keyToSetUp()));
        session.setAuthNote(KEY_OFFERED, Boolean.toString(plan.keyOffered()));
        session.setAuthNote(PASS_TO_BIND, Boolean.toString(plan.passToBind()));
        session.setAuthNote(REQUIRED, Integer.toString(plan.required()));
        session.removeAuthNote(LEVEL);
        session.removeAuthNote(KEY_PASS_NEEDED);
        session.removeAuthNote(PASS_USED);
        session.setAuthNote(DAYS_LEFT, decision.daysLeft() == null ? "0" : decision.daysLeft().toString());
        session.setAuthNote(ENROL_BY, decision.enrolBy() == null ? "" : decision.enrolBy().toString().substring(0, 10));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        AuthenticationSessionModel session = context.getAuthenticationSession();
        String stage = session.getAuthNote(STAGE);
        try {
            switch (stage == null ? "" : stage) {
                case Stage.VERIFY -> {
                    if (form.containsKey("use-key") && Boolean.parseBoolean(session.getAuthNote(KEY_OFFERED))) {
                        askForKey(context);
                    } else if (form.containsKey("use-recovery")) {
                        show(context, Stage.RECOVERY, Templates.RECOVERY);
                    } else {
                        verifyCode(context, form.getFirst("code"));
                    }
                }
                case Stage.RECOVERY -> verifyRecoveryCode(context, form.getFirst("recoveryCode"));
                case Stage.REMIND -> {
                    int level = levelSoFar(session);
                    if (!"setup".equals(form.getFirst("choice"))) {
                        succeed(context, level);
                    } else if (Boolean.parseBoolean(session.getAuthNote(PASS_TO_BIND))) {
                        showPass(context);
                    } else {
                        setUp(context, level);
                    }
                }
                case Stage.PASS -> redeemPass(context, form.getFirst("pass"));
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

    /** Sets up what the decision asks for, now that the person may bind it. */
    private void setUp(AuthenticationFlowContext context, int levelSoFar) {
        if (Boolean.parseBoolean(context.getAuthenticationSession().getAuthNote(KEY_TO_SET_UP))) {
            registerKey(context, levelSoFar);
        } else {
            startEnrolment(context);
        }
    }

    /**
     * Keycloak's registration page follows the flow; the key is then proven before any code is issued
     * ({@link KeyProof}). A realm that cannot prove it registers nothing: the login stops.
     */
    private static void registerKey(AuthenticationFlowContext context, Integer levelSoFar) {
        if (!KeyProof.enabledIn(context.getRealm())) {
            keyProofMissing(context);
            return;
        }
        KeyStep.requireRegistration(context.getAuthenticationSession());
        if (levelSoFar != null) {
            succeed(context, levelSoFar);
        }
    }

    private static void keyProofMissing(AuthenticationFlowContext context) {
        LOG.errorf("Realm %s does not have the required action %s enabled: no security key is registered"
                + " without it. The login of %s is stopped.", context.getRealm().getName(), KeyProof.ID,
                context.getUser().getUsername());
        context.failure(AuthenticationFlowError.INTERNAL_ERROR, context.form().setError("portcullisKeyProofMissing")
                .createErrorPage(Response.Status.INTERNAL_SERVER_ERROR));
    }

    /**
     * An access pass, in place of a second factor and only to bind a new one: a valid pass leads to
     * the set-up (a key is then proven before any code; an app by its first code), never to a token
     * on its own.
     */
    private void redeemPass(AuthenticationFlowContext context, String typed) {
        String pass = typed == null ? "" : typed.trim();
        Answers.PassRedemption result;
        try {
            result = pass.isEmpty() ? new Answers.PassRedemption(false, null)
                    : policyService.client().redeemPass(Account.of(context.getRealm(), context.getUser()), pass, person(context));
        } catch (PolicyServiceRejection rejected) {
            if (!rejected.malformed()) {
                throw rejected;
            }
            result = new Answers.PassRedemption(false, null);
        }
        if (!result.valid()) {
            // a failed sign-in, as Keycloak's own code form reports one: the audit log and brute force see it
            context.getEvent().user(context.getUser()).detail("portcullis_access_pass", "refused")
                    .error(Errors.INVALID_USER_CREDENTIALS);
            context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, passForm(context)
                    .setError("portcullisInvalidPass").createForm(Templates.PASS));
            return;
        }
        context.getEvent().detail("portcullis_access_pass", "used");
        AuthenticationSessionModel session = context.getAuthenticationSession();
        session.setAuthNote(PASS_USED, "true");
        // a code proven before the reminder's "set up now" still counts; a pass proves nothing
        setUp(context, levelSoFar(session));
    }

    private void showPass(AuthenticationFlowContext context) {
        context.challenge(passForm(context).createForm(Templates.PASS));
    }

    private static org.keycloak.forms.login.LoginFormsProvider passForm(AuthenticationFlowContext context) {
        AuthenticationSessionModel session = context.getAuthenticationSession();
        session.setAuthNote(STAGE, Stage.PASS);
        return context.form().setAttribute("securityKey", Boolean.parseBoolean(session.getAuthNote(KEY_TO_SET_UP)));
    }

    /** The key subflow after this step checks it; until it does, the login cannot finish. */
    private static void askForKey(AuthenticationFlowContext context) {
        AuthenticationSessionModel session = context.getAuthenticationSession();
        session.removeAuthNote(STAGE);
        KeyStep.ask(session);
        context.success();
    }

    /** A code (or recovery code) was right: set up what the decision demands next, or remind of it. */
    private void proved(AuthenticationFlowContext context, String factor) {
        context.getEvent().detail(Details.CREDENTIAL_TYPE, factor);
        AuthenticationSessionModel session = context.getAuthenticationSession();
        if (BindingRequest.requested(session)) {
            // the person asked to add a key, and proved their factor in this login
            if (keyPassNeeded(session) && !Boolean.parseBoolean(session.getAuthNote(PASS_USED))) {
                session.setAuthNote(LEVEL, Integer.toString(Assurance.SECOND_FACTOR));
                askPassForKey(context);
            } else {
                registerKey(context, Assurance.SECOND_FACTOR);
            }
            return;
        }
        if (Plan.Afterwards.REMIND.name().equals(session.getAuthNote(AFTERWARDS))) {
            showReminder(context, Assurance.SECOND_FACTOR);
            return;
        }
        registerKeyIfDue(context);
        succeed(context, Assurance.SECOND_FACTOR);
    }

    /**
     * The decision demands a key now, after the factor proven: Keycloak registers it, and it is proven,
     * before any code is issued. Never where binding takes an access pass that this login has not given.
     */
    private static void registerKeyIfDue(AuthenticationFlowContext context) {
        AuthenticationSessionModel session = context.getAuthenticationSession();
        if (Plan.Afterwards.ENROL.name().equals(session.getAuthNote(AFTERWARDS))
                && Boolean.parseBoolean(session.getAuthNote(KEY_TO_SET_UP))
                && (!Boolean.parseBoolean(session.getAuthNote(PASS_TO_BIND))
                        || Boolean.parseBoolean(session.getAuthNote(PASS_USED)))
                && KeyProof.enabledIn(context.getRealm())) {
            KeyStep.requireRegistration(session);
        }
    }

    /** The end of the whole flow: the level this login must reach is reached, or the login stops ({@link LevelGate}). */
    @Override
    public void onTopFlowSuccess(AuthenticationFlowModel topFlow) {
        AuthenticationSessionModel session = keycloak.getContext().getAuthenticationSession();
        if (session != null) {
            LevelGate.check(keycloak, session, topFlow, parseLevel(session.getAuthNote(REQUIRED)));
        }
    }

    /**
     * The level this login proved before a reminder or a pass form ({@link #LEVEL}); the password when
     * none is noted. Never more than it says: a note that is not a number counts as the password.
     */
    static int levelSoFar(AuthenticationSessionModel session) {
        String note = session.getAuthNote(LEVEL);
        try {
            return note == null ? Assurance.PASSWORD : Integer.parseInt(note);
        } catch (NumberFormatException e) {
            return Assurance.PASSWORD;
        }
    }

    /** The level a login must reach, from its note; one that is not a number can never be reached. */
    static int parseLevel(String note) {
        try {
            return note == null ? Assurance.PASSWORD : Integer.parseInt(note);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    @Override
    public void onParentFlowSuccess(AuthenticationFlowContext context) {
    }

    private void verifyCode(AuthenticationFlowContext context, String code) {
        Answers.TotpVerification result;
        try {
            result = policyService.client().verifyTotp(Account.of(context.getRealm(), context.getUser()), digits(code), person(context));
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
            proved(context, Plan.TOTP);
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
        Answers.RecoveryVerification result;
        try {
            result = policyService.client().verifyRecoveryCode(Account.of(context.getRealm(), context.getUser()),
                    code == null ? "" : code.trim(),
                    person(context));
        } catch (PolicyServiceRejection rejected) {
            if (!rejected.malformed()) {
                throw rejected;
            }
            result = new Answers.RecoveryVerification(false, -1);
        }
        if (result.valid()) {
            proved(context, "recovery-code");
            return;
        }
        Response form = context.form().setError("portcullisInvalidRecoveryCode").createForm(Templates.RECOVERY);
        context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, form);
    }

    private void startEnrolment(AuthenticationFlowContext context) {
        Answers.Enrolment enrolment;
        try {
            enrolment = policyService.client().startEnrolment(Account.of(context.getRealm(), context.getUser()));
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
            Answers.RecoveryCodes codes = policyService.client().confirmEnrolment(Account.of(context.getRealm(), context.getUser()),
                    digits(code), person(context));
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

    private void showReminder(AuthenticationFlowContext context, int levelSoFar) {
        AuthenticationSessionModel session = context.getAuthenticationSession();
        session.setAuthNote(STAGE, Stage.REMIND);
        session.setAuthNote(LEVEL, Integer.toString(levelSoFar));
        context.challenge(context.form()
                .setAttribute("daysLeft", Integer.parseInt(session.getAuthNote(DAYS_LEFT)))
                .setAttribute("enrolBy", session.getAuthNote(ENROL_BY))
                .setAttribute("securityKey", Boolean.parseBoolean(session.getAuthNote(KEY_TO_SET_UP)))
                .createForm(Templates.REMINDER));
    }

    private static void succeed(AuthenticationFlowContext context, int level) {
        context.getAuthenticationSession().removeAuthNote(STAGE);
        Levels.reached(context, level);
        context.success();
    }

    private void show(AuthenticationFlowContext context, String stage, String template) {
        AuthenticationSessionModel session = context.getAuthenticationSession();
        session.setAuthNote(STAGE, stage);
        context.challenge(context.form().setAttribute("keyOffered", Boolean.parseBoolean(session.getAuthNote(KEY_OFFERED)))
                .createForm(template));
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

    /**
     * The person signing in: their realm, and their address as Keycloak sees it (behind a proxy: as its
     * proxy settings say).
     */
    static PolicyServiceClient.Person person(AuthenticationFlowContext context) {
        return new PolicyServiceClient.Person(context.getRealm().getName(),
                context.getConnection() == null ? null : context.getConnection().getRemoteAddr());
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
        static final String PASS = "pass";

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
        static final String PASS = "portcullis-pass.ftl";

        private Templates() {
        }
    }
}
