package dev.portcullis.keycloak.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.net.http.HttpTimeoutException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;

/**
 * The MFA step uses a decision asked for ahead only when it is the settled answer for the very facts
 * of this login; anything else means asking again, never a guess.
 */
class DecisionAheadTest {

    static final LoginFacts OLGA = new LoginFacts("olga", List.of("/finance"), List.of("staff"), "wiki", List.of());

    final KeycloakSession session = session();

    @Test
    void aSettledAnswerForTheSameFactsIsUsedOnce() {
        DecisionAhead.keep(session, OLGA, CompletableFuture.completedFuture(decision(true)), 1000);
        assertThat(DecisionAhead.take(session, OLGA)).hasValueSatisfying(d -> assertThat(d.action()).isEqualTo("VERIFY"));
        assertThat(DecisionAhead.take(session, OLGA)).isEmpty();
    }

    @Test
    void anAnswerThatWouldRecordSomethingIsAskedAgain() {
        DecisionAhead.keep(session, OLGA, CompletableFuture.completedFuture(decision(false)), 1000);
        assertThat(DecisionAhead.take(session, OLGA)).isEmpty();
        DecisionAhead.keep(session, OLGA, CompletableFuture.completedFuture(decision(null)), 1000);
        assertThat(DecisionAhead.take(session, OLGA)).as("an answer that is not a preview's").isEmpty();
    }

    @Test
    void anAnswerForOtherFactsIsAskedAgain() {
        DecisionAhead.keep(session, OLGA, CompletableFuture.completedFuture(decision(true)), 1000);
        LoginFacts withKey = new LoginFacts("olga", List.of("/finance"), List.of("staff"), "wiki", List.of("webauthn"));
        assertThat(DecisionAhead.take(session, withKey)).isEmpty();
    }

    @Test
    void aFailedAnswerIsAskedAgain() {
        DecisionAhead.keep(session, OLGA, CompletableFuture.failedFuture(new PolicyServiceException("reset")), 1000);
        assertThat(DecisionAhead.take(session, OLGA)).isEmpty();
    }

    /** Asking again would make the person wait a second timeout before the same refusal. */
    @Test
    void anAnswerThatDoesNotComeInTimeIsTheServiceNotAnswering() {
        CompletableFuture<Answers.LoginDecision> never = new CompletableFuture<>();
        DecisionAhead.keep(session, OLGA, never, 50);
        assertThatThrownBy(() -> DecisionAhead.take(session, OLGA)).isInstanceOf(PolicyServiceException.class)
                .hasMessageContaining("did not answer the login decision in time");
        assertThat(never).isCancelled();
        DecisionAhead.keep(session, OLGA, CompletableFuture.failedFuture(new HttpTimeoutException("timed out")), 1000);
        assertThatThrownBy(() -> DecisionAhead.take(session, OLGA)).isInstanceOf(PolicyServiceException.class);
    }

    @Test
    void aWrongPasswordDropsTheAnswer() {
        CompletableFuture<Answers.LoginDecision> pending = new CompletableFuture<>();
        DecisionAhead.keep(session, OLGA, pending, 1000);
        long dropped = Long.parseLong(DecisionAhead.counts().get("decisionsAheadDropped"));
        DecisionAhead.drop(session);
        assertThat(pending).isCancelled();
        assertThat(Long.parseLong(DecisionAhead.counts().get("decisionsAheadDropped"))).isEqualTo(dropped + 1);
        pending.complete(decision(true));
        assertThat(DecisionAhead.take(session, OLGA)).isEmpty();
    }

    static Answers.LoginDecision decision(Boolean settled) {
        return new Answers.LoginDecision("VERIFY", List.of("totp"), null, null, "baseline", List.of(), null, null, null,
                settled);
    }

    /** A Keycloak session that keeps attributes, as the real one does for one request. */
    static KeycloakSession session() {
        Map<String, Object> attributes = new HashMap<>();
        return (KeycloakSession) Proxy.newProxyInstance(DecisionAheadTest.class.getClassLoader(),
                new Class<?>[] {KeycloakSession.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    case "getAttribute" -> attributes.get(args[0]);
                    case "removeAttribute" -> attributes.remove(args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
