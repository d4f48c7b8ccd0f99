package dev.portcullis.keycloak.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.keycloak.client.Answers;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the browser's second step shows for each decision: never a factor the decision does not list. */
class PlanTest {

    static List<String> list(String words) {
        return words.isEmpty() ? List.of() : Arrays.asList(words.split(" "));
    }

    @ParameterizedTest(name = "{0} [{1}] then {2} [{3}], client asks {4} -> {5}, key offered {6}, afterwards {7} [{8}]")
    @CsvSource({
        // action, methods, then, enrolMethods, requested -> step, keyOffered, afterwards, enrol
        "ALLOW,          '',             '',             '',       -1, NONE,         false, NOTHING, ''",
        "VERIFY,         totp,           '',             '',       -1, CODE,         false, NOTHING, ''",
        "VERIFY,         totp webauthn,  '',             '',       -1, CODE,         true,  NOTHING, ''",
        // a key-only decision never shows the code form
        "VERIFY,         webauthn,       '',             '',       -1, KEY,          false, NOTHING, ''",
        // a client asking for the phishing-resistant level gets the key, even where a code would do
        "VERIFY,         totp webauthn,  '',             '',        3, KEY,          false, NOTHING, ''",
        // ... and someone with only a code proves it, then must register a key
        "VERIFY,         totp,           '',             '',        3, CODE,         false, ENROL,   webauthn",
        // a rollout to keys: the code they have, then the key now or a reminder
        "VERIFY,         totp,           ENROL,          webauthn, -1, CODE,         false, ENROL,   webauthn",
        "VERIFY,         totp,           ENROL_OPTIONAL, webauthn, -1, CODE,         false, REMIND,  webauthn",
        "ENROL,          totp webauthn,  '',             '',       -1, ENROL_TOTP,   false, NOTHING, totp",
        "ENROL,          webauthn,       '',             '',       -1, REGISTER_KEY, false, NOTHING, webauthn",
        "ENROL_OPTIONAL, totp webauthn,  '',             '',       -1, REMIND,       false, NOTHING, totp webauthn",
        "ENROL_OPTIONAL, webauthn,       '',             '',       -1, REMIND,       false, NOTHING, webauthn",
        // a client that asks for a factor gets no reminder, no "later"
        "ENROL_OPTIONAL, totp webauthn,  '',             '',        2, ENROL_TOTP,   false, NOTHING, totp",
        "ENROL_OPTIONAL, totp webauthn,  '',             '',        3, REGISTER_KEY, false, NOTHING, webauthn",
        "ALLOW,          '',             '',             '',        2, ENROL_TOTP,   false, NOTHING, totp",
        "DENY,           '',             '',             '',       -1, LOCKED,       false, NOTHING, ''",
    })
    void theStepForEachDecision(String action, String methods, String then, String enrolMethods, int requested,
            Plan.Step step, boolean keyOffered, Plan.Afterwards afterwards, String enrol) {
        Answers.LoginDecision decision = new Answers.LoginDecision(action, list(methods), null, null, "p", List.of(),
                then.isEmpty() ? null : then, list(enrolMethods), null, null);
        Plan plan = Plan.of(decision, requested);
        assertThat(plan.step()).isEqualTo(step);
        assertThat(plan.keyOffered()).isEqualTo(keyOffered);
        assertThat(plan.afterwards()).isEqualTo(afterwards);
        assertThat(plan.enrolMethods()).containsExactlyElementsOf(list(enrol));
    }

    @ParameterizedTest
    @CsvSource({"webauthn, true", "totp webauthn, false", "totp, false", "'', false"})
    void aReminderIsForASecurityKeyOnlyWhereNothingElseWillDo(String enrol, boolean key) {
        assertThat(new Plan(Plan.Step.REMIND, false, Plan.Afterwards.NOTHING, list(enrol), 1).keyToSetUp())
                .isEqualTo(key);
    }

    @ParameterizedTest(name = "{0} [{1}] then {2} [{3}], client asks {4}, bind with {5} -> {6}, afterwards {7}")
    @CsvSource({
        // action, methods, then, enrolMethods, requested, bindWith -> step, afterwards, what is set up then
        // a relayed password and code reach no registration page where a pass is demanded
        "VERIFY,         totp,           ENROL,          webauthn, -1, pass,     PASS,         NOTHING, REGISTER_KEY",
        "VERIFY,         totp,           '',             '',        3, pass,     PASS,         NOTHING, REGISTER_KEY",
        // a newcomer or someone reset: the pass first, then the app or the key
        "ENROL,          totp webauthn,  '',             '',       -1, pass,     PASS,         NOTHING, ENROL_TOTP",
        "ENROL,          webauthn,       '',             '',       -1, pass,     PASS,         NOTHING, REGISTER_KEY",
        "ALLOW,          '',             '',             '',        2, pass,     PASS,         NOTHING, ENROL_TOTP",
        // a reminder stays a reminder; its "set up now" asks for the pass
        "ENROL_OPTIONAL, totp webauthn,  '',             '',       -1, pass,     REMIND,       NOTHING, ENROL_TOTP",
        "VERIFY,         totp,           ENROL_OPTIONAL, webauthn, -1, pass,     CODE,         REMIND,  REGISTER_KEY",
        // proving what one has needs no pass, and neither does binding where the policy allows it
        "VERIFY,         totp webauthn,  '',             '',       -1, pass,     CODE,         NOTHING, ENROL_TOTP",
        "VERIFY,         webauthn,       '',             '',       -1, pass,     KEY,          NOTHING, ENROL_TOTP",
        "VERIFY,         totp,           ENROL,          webauthn, -1, factor,   CODE,         ENROL,   REGISTER_KEY",
        "ENROL,          webauthn,       '',             '',       -1, password, REGISTER_KEY, NOTHING, REGISTER_KEY",
        // an answer that does not say is the strictest
        "ENROL,          webauthn,       '',             '',       -1, '',       PASS,         NOTHING, REGISTER_KEY",
    })
    void whereBindingTakesAnAccessPassNothingIsSetUpWithoutOne(String action, String methods, String then,
            String enrolMethods, int requested, String bindWith, Plan.Step step, Plan.Afterwards afterwards,
            Plan.Step setUp) {
        Answers.LoginDecision decision = new Answers.LoginDecision(action, list(methods), null, null, "p", List.of(),
                then.isEmpty() ? null : then, list(enrolMethods), null, null,
                bindWith.isEmpty() ? null : java.util.Map.of("totp", bindWith, "webauthn", bindWith));
        Plan plan = Plan.of(decision, requested);
        assertThat(plan.step()).isEqualTo(step);
        assertThat(plan.afterwards()).isEqualTo(afterwards);
        assertThat(plan.passToBind()).isEqualTo(!bindWith.equals("password") && !bindWith.equals("factor"));
        assertThat(plan.setUpStep()).isEqualTo(setUp);
    }

    @ParameterizedTest(name = "{0} [{1}], client asks {2}; totp by {3}, keys by {4} -> {5}")
    @CsvSource({
        // a treasury newcomer: keys take a pass, an app the password; what is set up decides
        "ENROL,          webauthn,       -1, password, pass,     PASS",
        "ENROL,          totp webauthn,  -1, password, pass,     ENROL_TOTP",
        "ENROL,          totp webauthn,   3, password, pass,     PASS",
        "ENROL,          totp webauthn,  -1, pass,     password, PASS",
        "ENROL,          webauthn,       -1, pass,     password, REGISTER_KEY",
    })
    void theMethodToSetUpDecidesWhetherAPassIsNeeded(String action, String methods, int requested, String totp,
            String keys, Plan.Step step) {
        Answers.LoginDecision decision = new Answers.LoginDecision(action, list(methods), null, null, "p", List.of(),
                null, List.of(), null, null, java.util.Map.of("totp", totp, "webauthn", keys));
        assertThat(Plan.of(decision, requested).step()).isEqualTo(step);
    }
}
