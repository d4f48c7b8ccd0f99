package dev.portcullis.keycloak.client;

import java.net.http.HttpTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * A login decision asked for while Keycloak is still checking the password, so that its round trip to
 * the policy service overlaps the password hash instead of following it. It is asked as a preview, for
 * which the policy service records nothing (no first sighting, no facts, no audit event): a wrong
 * password changes nothing there, and its answer is dropped unread. The MFA step uses the answer, in
 * the same request, only when the password was right, the person's facts are still those it was asked
 * for, and the policy service said it is settled (taking it for real would record nothing and answer the
 * same); otherwise it asks as before. Kept in the Keycloak session, which lives for one request.
 */
public final class DecisionAhead {

    /** The login step that uses the decision: only a flow that has it asks ahead. */
    public static final String MFA_STEP = "portcullis-mfa";
    private static final String ATTRIBUTE = DecisionAhead.class.getName();
    /** Subflows within subflows deeper than this are not searched for the MFA step. */
    private static final int MAX_DEPTH = 8;

    /** Answers used, asked again (not settled, other facts, failed) and dropped (wrong password), on this node. */
    private static final AtomicLong USED = new AtomicLong();
    private static final AtomicLong ASKED_AGAIN = new AtomicLong();
    private static final AtomicLong DROPPED = new AtomicLong();

    private final LoginFacts facts;
    private final CompletableFuture<Answers.LoginDecision> answer;
    private final long waitMillis;

    private DecisionAhead(LoginFacts facts, CompletableFuture<Answers.LoginDecision> answer, long waitMillis) {
        this.facts = facts;
        this.answer = answer;
        this.waitMillis = waitMillis;
    }

    /** Asks for the decision of {@code user}'s login to {@code client} when flow {@code topFlowId} has the MFA step. */
    public static void ask(KeycloakSession session, RealmModel realm, String topFlowId, UserModel user, String client) {
        PolicyServiceConnection connection = PolicyServiceConnection.of(session);
        if (!connection.configured() || !hasMfaStep(realm, topFlowId, 0)) {
            return;
        }
        LoginFacts facts = LoginFacts.of(realm, user, client);
        PolicyServiceClient policyService = connection.client();
        keep(session, facts, policyService.previewDecision(facts), policyService.settings().requestTimeout().toMillis());
    }

    /** Keeps the answer to come for the MFA step; waits at most {@code waitMillis} for it there. */
    static void keep(KeycloakSession session, LoginFacts facts, CompletableFuture<Answers.LoginDecision> answer,
            long waitMillis) {
        session.setAttribute(ATTRIBUTE, new DecisionAhead(facts, answer, waitMillis));
    }

    /** The password was wrong: the answer is not wanted. */
    public static void drop(KeycloakSession session) {
        if (session.removeAttribute(ATTRIBUTE) instanceof DecisionAhead ahead) {
            ahead.answer.cancel(true);
            DROPPED.incrementAndGet();
        }
    }

    /**
     * The decision asked for ahead, once: when it was asked for exactly {@code facts}, came, and is
     * settled. Empty otherwise, and the caller asks for the decision itself; a {@link PolicyServiceException}
     * when it did not come in time.
     */
    public static Optional<Answers.LoginDecision> take(KeycloakSession session, LoginFacts facts) {
        if (!(session.removeAttribute(ATTRIBUTE) instanceof DecisionAhead ahead)) {
            return Optional.empty();
        }
        if (!ahead.facts.equals(facts)) {
            ahead.answer.cancel(true);
            ASKED_AGAIN.incrementAndGet();
            return Optional.empty();
        }
        Optional<Answers.LoginDecision> settled = ahead.settled();
        (settled.isPresent() ? USED : ASKED_AGAIN).incrementAndGet();
        return settled;
    }

    /**
     * The answer if it is settled. One that did not come in time is the policy service not answering:
     * a {@link PolicyServiceException}, as the call itself would be, rather than a second wait as long.
     */
    private Optional<Answers.LoginDecision> settled() {
        try {
            Answers.LoginDecision decision = answer.get(waitMillis, TimeUnit.MILLISECONDS);
            return Boolean.TRUE.equals(decision.settled()) ? Optional.of(decision) : Optional.empty();
        } catch (TimeoutException e) {
            throw notInTime(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException) {
                throw notInTime(e.getCause());
            }
            return Optional.empty(); // asked again, as if never asked ahead: a failure is reported then
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            answer.cancel(true);
        }
    }

    private static PolicyServiceException notInTime(Throwable cause) {
        return new PolicyServiceException("the policy service did not answer the login decision in time", cause);
    }

    /** How the decisions asked ahead on this node went: used, asked again, dropped. */
    public static Map<String, String> counts() {
        Map<String, String> counts = new LinkedHashMap<>();
        counts.put("decisionsAheadUsed", Long.toString(USED.get()));
        counts.put("decisionsAheadAskedAgain", Long.toString(ASKED_AGAIN.get()));
        counts.put("decisionsAheadDropped", Long.toString(DROPPED.get()));
        return counts;
    }

    static boolean hasMfaStep(RealmModel realm, String flowId, int depth) {
        if (flowId == null || depth > MAX_DEPTH) {
            return false;
        }
        return realm.getAuthenticationExecutionsStream(flowId).filter(execution -> !execution.isDisabled())
                .anyMatch(execution -> isMfaStep(realm, execution, depth));
    }

    private static boolean isMfaStep(RealmModel realm, AuthenticationExecutionModel execution, int depth) {
        return execution.isAuthenticatorFlow() ? hasMfaStep(realm, execution.getFlowId(), depth + 1)
                : MFA_STEP.equals(execution.getAuthenticator());
    }
}
