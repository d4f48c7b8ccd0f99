package dev.portcullis.keycloak.mfa;

import dev.portcullis.keycloak.client.Answers;
import java.util.List;

/**
 * Pure: what the browser's second step does with a decision, for the level the login must reach.
 * It never asks for, or accepts, a factor the decision does not list, and a login that must reach the
 * phishing-resistant level is never offered the code form. {@code afterwards} is what follows a
 * proven code: a key (or TOTP) to set up now ({@link Afterwards#ENROL}), or a reminder.
 * <p>
 * Where binding what this plan would set up (a key, or an authenticator app) takes an access pass
 * ({@code passToBind}), nothing is set up without one:
 * a login that must set something up now asks for the pass first ({@link Step#PASS}), in place of
 * a code that could only have been relayed, and a reminder's "set up now" asks for it too.
 *
 * @param enrolMethods what to set up, by the step or afterwards ({@code totp} or {@code webauthn})
 * @param keyOffered the code form also offers the person's security key
 * @param passToBind binding a factor takes an access pass
 */
record Plan(Step step, boolean keyOffered, Afterwards afterwards, List<String> enrolMethods, int required,
        boolean passToBind) {

    static final String TOTP = "totp";
    static final String WEBAUTHN = "webauthn";

    enum Step {
        /** Nothing more to prove. */
        NONE,
        /** The one-time code form (and the recovery codes). */
        CODE,
        /** Keycloak's WebAuthn authenticator, in the flow's key subflow. */
        KEY,
        /** Set up TOTP now: QR code, first code, recovery codes. */
        ENROL_TOTP,
        /** Keycloak's webauthn-register required action, before any code is issued. */
        REGISTER_KEY,
        /** A reminder during the grace period: set it up now, or later. */
        REMIND,
        /** An access pass first, then what {@link #setUpStep()} says. */
        PASS,
        LOCKED
    }

    enum Afterwards {
        NOTHING, ENROL, REMIND;

        static Afterwards of(String then) {
            if ("ENROL".equals(then)) {
                return ENROL;
            }
            return "ENROL_OPTIONAL".equals(then) ? REMIND : NOTHING;
        }
    }

    Plan(Step step, boolean keyOffered, Afterwards afterwards, List<String> enrolMethods, int required) {
        this(step, keyOffered, afterwards, enrolMethods, required, false);
    }

    static Plan of(Answers.LoginDecision decision, int requestedByClient) {
        Plan plan = ofAction(decision, requestedByClient);
        if (!decision.passNeededToBind(plan.setUpStep() == Step.REGISTER_KEY ? WEBAUTHN : TOTP)) {
            return plan;
        }
        boolean setUpNow = plan.step == Step.ENROL_TOTP || plan.step == Step.REGISTER_KEY
                || plan.step == Step.CODE && plan.afterwards == Afterwards.ENROL;
        return new Plan(setUpNow ? Step.PASS : plan.step, plan.keyOffered,
                setUpNow ? Afterwards.NOTHING : plan.afterwards, plan.enrolMethods, plan.required, true);
    }

    private static Plan ofAction(Answers.LoginDecision decision, int requestedByClient) {
        int required = Assurance.required(decision, requestedByClient);
        boolean keyNeeded = required >= Assurance.PHISHING_RESISTANT;
        return switch (decision.action()) {
            case "VERIFY" -> verify(decision, required, keyNeeded);
            case "ENROL" -> enrol(decision.methods(), required, keyNeeded);
            case "ENROL_OPTIONAL" -> required > Assurance.PASSWORD ? enrol(decision.methods(), required, keyNeeded)
                    : new Plan(Step.REMIND, false, Afterwards.NOTHING, decision.methods(), required);
            case "ALLOW" -> required > Assurance.PASSWORD ? enrol(List.of(TOTP, WEBAUTHN), required, keyNeeded)
                    : new Plan(Step.NONE, false, Afterwards.NOTHING, List.of(), required);
            default -> new Plan(Step.LOCKED, false, Afterwards.NOTHING, List.of(), required);
        };
    }

    private static Plan verify(Answers.LoginDecision decision, int required, boolean keyNeeded) {
        boolean key = decision.methods().contains(WEBAUTHN);
        boolean code = decision.methods().contains(TOTP) && !keyNeeded;
        if (!key && !code) {
            // only a code to show, but the client asks for a key: the code first, then the key
            return new Plan(Step.CODE, false, Afterwards.ENROL, List.of(WEBAUTHN), required);
        }
        if (!code) {
            return new Plan(Step.KEY, false, Afterwards.NOTHING, List.of(), required);
        }
        return new Plan(Step.CODE, key, Afterwards.of(decision.then()), decision.enrolMethods(), required);
    }

    private static Plan enrol(List<String> methods, int required, boolean keyNeeded) {
        boolean totp = methods.isEmpty() || methods.contains(TOTP);
        Step step = totp && !keyNeeded ? Step.ENROL_TOTP : Step.REGISTER_KEY;
        return new Plan(step, false, Afterwards.NOTHING, step == Step.ENROL_TOTP ? List.of(TOTP) : List.of(WEBAUTHN),
                required);
    }

    /** The reminder or enrolment afterwards is for a security key. */
    boolean keyToSetUp() {
        return enrolMethods.contains(WEBAUTHN) && !enrolMethods.contains(TOTP);
    }

    /** What is set up once the person may bind a factor: a key, or an authenticator app. */
    Step setUpStep() {
        return keyToSetUp() ? Step.REGISTER_KEY : Step.ENROL_TOTP;
    }
}
