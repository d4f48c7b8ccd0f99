package dev.portcullis.policy.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.policy.policies.Level;
import dev.portcullis.policy.policies.Method;
import dev.portcullis.policy.policies.ResolvedPolicy;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LoginDeciderTest {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    static ResolvedPolicy required(List<Method> methods, Instant enrolBy) {
        return new ResolvedPolicy(List.of("p"), true, methods, enrolBy, "p", Level.BLOCK, Level.WARN, Level.BLOCK, 8);
    }

    static final ResolvedPolicy NOT_REQUIRED = new ResolvedPolicy(List.of("p"), false, List.of(Method.TOTP), null,
            "p", Level.OFF, Level.OFF, Level.OFF, 8);
    static final List<Method> ANY = List.of(Method.TOTP, Method.WEBAUTHN);
    static final Instant IN_3_DAYS = NOW.plus(3, ChronoUnit.DAYS);
    static final Instant IN_2_HOURS = NOW.plus(2, ChronoUnit.HOURS);
    static final Instant YESTERDAY = NOW.minus(1, ChronoUnit.DAYS);

    static Stream<Arguments> table() {
        return Stream.of(
                // label, policy, enrolled, lockedUntil -> action, methods, daysLeft
                Arguments.of("not required, nothing enrolled", NOT_REQUIRED, Set.of(), null,
                        Decision.Action.ALLOW, List.of(), null),
                Arguments.of("not required, but enrolled", NOT_REQUIRED, Set.of(Method.TOTP), null,
                        Decision.Action.VERIFY, List.of(Method.TOTP), null),
                Arguments.of("required, enrolled", required(ANY, YESTERDAY), Set.of(Method.TOTP), null,
                        Decision.Action.VERIFY, List.of(Method.TOTP), null),
                Arguments.of("grace running", required(ANY, IN_3_DAYS), Set.of(), null,
                        Decision.Action.ENROL_OPTIONAL, ANY, 3L),
                Arguments.of("last day of grace", required(ANY, IN_2_HOURS), Set.of(), null,
                        Decision.Action.ENROL_OPTIONAL, ANY, 1L),
                Arguments.of("deadline passed", required(ANY, YESTERDAY), Set.of(), null,
                        Decision.Action.ENROL, ANY, 0L),
                Arguments.of("deadline is now", required(ANY, NOW), Set.of(), null,
                        Decision.Action.ENROL, ANY, 0L),
                Arguments.of("webauthn only: TOTP does not satisfy", required(List.of(Method.WEBAUTHN), YESTERDAY),
                        Set.of(Method.TOTP), null, Decision.Action.VERIFY, List.of(Method.TOTP), 0L),
                Arguments.of("webauthn only with grace: TOTP first", required(List.of(Method.WEBAUTHN), IN_3_DAYS),
                        Set.of(Method.TOTP), null, Decision.Action.VERIFY, List.of(Method.TOTP), 3L),
                Arguments.of("webauthn only, reported webauthn", required(List.of(Method.WEBAUTHN), YESTERDAY),
                        Set.of(Method.TOTP, Method.WEBAUTHN), null, Decision.Action.VERIFY,
                        List.of(Method.WEBAUTHN), null),
                Arguments.of("a key satisfies a TOTP-only policy", required(List.of(Method.TOTP), YESTERDAY),
                        Set.of(Method.WEBAUTHN), null, Decision.Action.VERIFY, List.of(Method.WEBAUTHN), null),
                Arguments.of("locked", required(ANY, YESTERDAY), Set.of(Method.TOTP), NOW.plusSeconds(60),
                        Decision.Action.DENY, List.of(), null),
                Arguments.of("lock expired", required(ANY, YESTERDAY), Set.of(Method.TOTP), NOW.minusSeconds(1),
                        Decision.Action.VERIFY, List.of(Method.TOTP), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides(String label, ResolvedPolicy policy, Set<Method> enrolled, Instant lockedUntil,
            Decision.Action action, List<Method> methods, Long daysLeft) {
        Decision decision = LoginDecider.decide(policy, enrolled, lockedUntil, NOW);
        assertThat(decision.action()).isEqualTo(action);
        assertThat(decision.methods()).containsExactlyElementsOf(methods);
        assertThat(decision.daysLeft()).isEqualTo(daysLeft);
        assertThat(decision.reasons()).isNotEmpty();
        assertThat(decision.policy()).isEqualTo("p");
        if (daysLeft == null || action != Decision.Action.VERIFY) {
            assertThat(decision.then()).as("nothing to set up afterwards").isNull();
        }
    }

    static Stream<Arguments> verifyThenEnrol() {
        return Stream.of(
                // label, policy, enrolled -> then, enrolMethods
                Arguments.of("deadline passed: the key now, after the code", required(List.of(Method.WEBAUTHN), YESTERDAY),
                        Set.of(Method.TOTP), Decision.Action.ENROL, List.of(Method.WEBAUTHN)),
                Arguments.of("grace: the code, then a reminder of the key", required(List.of(Method.WEBAUTHN), IN_3_DAYS),
                        Set.of(Method.TOTP), Decision.Action.ENROL_OPTIONAL, List.of(Method.WEBAUTHN)),
                Arguments.of("grace on a deadline today: the code, then the key now", required(List.of(Method.WEBAUTHN), NOW),
                        Set.of(Method.TOTP), Decision.Action.ENROL, List.of(Method.WEBAUTHN)));
    }

    /** Removing one's key ends any grace: the next login sets one up again, after the factor left. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("removals")
    void aRemovedKeyEndsTheGracePeriod(String label, Set<Method> enrolled, Decision.Action action,
            Decision.Action then) {
        ResolvedPolicy keysIn30Days = required(List.of(Method.WEBAUTHN), NOW.plus(30, ChronoUnit.DAYS));
        assertThat(LoginDecider.decide(keysIn30Days, enrolled, null, NOW).action())
                .as("without a removal, grace runs").isIn(Decision.Action.ENROL_OPTIONAL, Decision.Action.VERIFY);
        Decision decision = LoginDecider.decide(keysIn30Days, enrolled, null, YESTERDAY, NOW);
        assertThat(decision.action()).isEqualTo(action);
        assertThat(decision.then()).isEqualTo(then);
        assertThat(decision.daysLeft()).isZero();
        assertThat(decision.reasons()).anyMatch(r -> r.contains("removed"));
    }

    static Stream<Arguments> removals() {
        return Stream.of(
                Arguments.of("nothing left: set up a key now", Set.of(), Decision.Action.ENROL, null),
                Arguments.of("TOTP left: the code, then a key now", Set.of(Method.TOTP), Decision.Action.VERIFY,
                        Decision.Action.ENROL));
    }

    @org.junit.jupiter.api.Test
    void aRemovalBeforeAFactorTheyStillMeetChangesNothing() {
        Decision decision = LoginDecider.decide(required(ANY, IN_3_DAYS), Set.of(Method.TOTP), null, YESTERDAY, NOW);
        assertThat(decision.action()).isEqualTo(Decision.Action.VERIFY);
        assertThat(decision.then()).isNull();
    }

    /** Grace never lowers what a person proves: whoever has a factor is asked for it first. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("verifyThenEnrol")
    void aFactorTheyHaveComesFirst(String label, ResolvedPolicy policy, Set<Method> enrolled, Decision.Action then,
            List<Method> enrolMethods) {
        Decision decision = LoginDecider.decide(policy, enrolled, null, NOW);
        assertThat(decision.action()).isEqualTo(Decision.Action.VERIFY);
        assertThat(decision.methods()).containsExactlyElementsOf(enrolled);
        assertThat(decision.then()).isEqualTo(then);
        assertThat(decision.enrolMethods()).containsExactlyElementsOf(enrolMethods);
        assertThat(decision.enrolBy()).isEqualTo(policy.enrolBy());
    }
}
