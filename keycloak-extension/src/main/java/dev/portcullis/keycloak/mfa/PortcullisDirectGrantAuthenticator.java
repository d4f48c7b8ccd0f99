package dev.portcullis.keycloak.mfa;

import dev.portcullis.keycloak.client.Account;
import dev.portcullis.keycloak.client.Answers;
import dev.portcullis.keycloak.client.PolicyServiceConnection;
import dev.portcullis.keycloak.client.PolicyServiceException;
import dev.portcullis.keycloak.client.PolicyServiceRejection;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.events.Errors;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;

/**
 * The password grant's second step, after Keycloak has checked the password: the same decision as
 * the browser login, for the requesting client. There is no page to show here, so only what needs
 * no page gets a token: {@code ALLOW}, or {@code VERIFY} with a right one-time code in the form
 * parameter {@code otp} (or {@code totp}), verified by the policy service (replay-safe, counted
 * towards the lockout). Everything else is an OAuth error that says what is missing. Fails closed.
 */
final class PortcullisDirectGrantAuthenticator extends MfaStep {

    static final String OTP = "otp";
    static final String TOTP = "totp";

    private static final Logger LOG = Logger.getLogger(PortcullisDirectGrantAuthenticator.class);

    private final PolicyServiceConnection policyService;

    PortcullisDirectGrantAuthenticator(PolicyServiceConnection policyService) {
        this.policyService = policyService;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        context.getEvent().user(context.getUser());
        try {
            Answers.LoginDecision decision = LoginContext.decide(policyService.client(), context);
            LoginContext.changePasswordIfReused(context, decision);
            decide(context, decision);
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

    private void decide(AuthenticationFlowContext context, Answers.LoginDecision decision) {
        DirectGrantSettings settings = DirectGrantSettings.of(context.getAuthenticatorConfig());
        switch (decision.action()) {
            case "ALLOW" -> succeed(context, Assurance.PASSWORD);
            case "ENROL_OPTIONAL" -> {
                if (settings.allowGrace()) {
                    succeed(context, Assurance.PASSWORD);
                } else {
                    refuse(context, AuthenticationFlowError.ACCESS_DENIED, Errors.ACCESS_DENIED, "invalid_grant",
                            "two-step verification is required: set it up by signing in through the browser ("
                                    + (decision.daysLeft() == null ? "" : decision.daysLeft() + " days left, ")
                                    + "a password alone gets no token here)");
                }
            }
            case "ENROL" -> refuse(context, AuthenticationFlowError.ACCESS_DENIED, Errors.ACCESS_DENIED,
                    "invalid_grant", "two-step verification is required: set it up by signing in through the browser");
            case "VERIFY" -> verify(context, decision);
            default -> locked(context);
        }
    }

    private void verify(AuthenticationFlowContext context, Answers.LoginDecision decision) {
        if (Assurance.ofMethods(decision.methods()) > Assurance.SECOND_FACTOR) {
            refuse(context, AuthenticationFlowError.ACCESS_DENIED, Errors.ACCESS_DENIED, "invalid_grant",
                    "this account needs a security key, which only works when signing in through the browser");
            return;
        }
        if ("ENROL".equals(decision.then())) {
            refuse(context, AuthenticationFlowError.ACCESS_DENIED, Errors.ACCESS_DENIED, "invalid_grant",
                    "this account must now set up a security key: sign in through the browser");
            return;
        }
        String code = code(context.getHttpRequest().getDecodedFormParameters());
        if (code.isEmpty()) {
            refuse(context, AuthenticationFlowError.INVALID_CREDENTIALS, Errors.INVALID_USER_CREDENTIALS,
                    "invalid_request", "a one-time code is required: send it as the form parameter otp");
            return;
        }
        Answers.TotpVerification result;
        try {
            result = policyService.client().verifyTotp(Account.of(context.getRealm(), context.getUser()), code,
                    PortcullisMfaAuthenticator.person(context));
        } catch (PolicyServiceRejection rejected) {
            if (!rejected.malformed()) {
                throw rejected;
            }
            refuse(context, AuthenticationFlowError.INVALID_CREDENTIALS, Errors.INVALID_USER_CREDENTIALS,
                    "invalid_grant", "the one-time code is not right: it is 6 digits from the authenticator app");
            return;
        }
        if (result.valid()) {
            succeed(context, Assurance.SECOND_FACTOR);
        } else if (result.remainingAttempts() <= 0) {
            locked(context);
        } else {
            refuse(context, AuthenticationFlowError.INVALID_CREDENTIALS, Errors.INVALID_USER_CREDENTIALS,
                    "invalid_grant", "the one-time code is not right, or was used already ("
                            + result.remainingAttempts() + " attempts left)");
        }
    }

    /** {@code otp}, Keycloak's own name for it, else {@code totp}; "123 456" is "123456". */
    static String code(MultivaluedMap<String, String> form) {
        String code = form.getFirst(OTP);
        if (code == null || code.isBlank()) {
            code = form.getFirst(TOTP);
        }
        return PortcullisMfaAuthenticator.digits(code);
    }

    private static void succeed(AuthenticationFlowContext context, int level) {
        Levels.reached(context, level);
        context.success();
    }

    private void locked(AuthenticationFlowContext context) {
        refuse(context, AuthenticationFlowError.USER_TEMPORARILY_DISABLED, Errors.USER_TEMPORARILY_DISABLED,
                "invalid_grant", "this account is locked after too many wrong codes: try again later");
    }

    private void unavailable(AuthenticationFlowContext context, String why) {
        LOG.warnf("MFA for %s cannot be decided (%s): the password grant is refused.",
                context.getUser().getUsername(), why);
        refuse(context, AuthenticationFlowError.INTERNAL_ERROR, Errors.INVALID_USER_CREDENTIALS, "invalid_grant",
                "two-step verification cannot be checked just now: try again later");
    }

    private static void refuse(AuthenticationFlowContext context, AuthenticationFlowError error, String event,
            String oauthError, String description) {
        context.getEvent().error(event);
        int status = "invalid_request".equals(oauthError) ? 400 : 401;
        context.failure(error, Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new OAuth2ErrorRepresentation(oauthError, description)).build());
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
    }
}
