package dev.portcullis.keycloak.mfa;

import dev.portcullis.keycloak.client.Answers;
import java.util.List;

/**
 * Pure: what the browser's second step does with a decision, for the level the login must reach.
 * It never asks for, or accepts, a factor the decision does not list, and a login that must reach the
 * phishing-resistant level is never offered the code form. {@code afterwards} is what follows a
 * proven code: a key (or TOTP) to set up now ({@link Afterwards#ENROL}), or a reminder.
 *
 * @param enrolMethods what to set up, by the step or afterwards ({@code totp} or {@code webauthn})
 * @param keyOffered the code form also offers the person's security key
 */
record Plan(Step step, boolean keyOffered, Afterwards afterwards, List<String> enrolMethods, int required) {

    static final String TOTP = "totp";
    static final String WEBAUTHN = "webauthn";

    enum Step {
        /** Nothing more to prove. */
        PASS,
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

    static Plan of(Answers.LoginDecision decision, int requestedByClient) {
        int required = Assurance.required(decision, requestedByClient);
        boolean keyNeeded = required >= Assurance.PHISHING_RESISTANT;
        return switch (decision.action()) {
            case "VERIFY" -> verify(decision, required, keyNeeded);
            case "ENROL" -> enrol(decision.methods(), required, keyNeeded);
            case "ENROL_OPTIONAL" -> required > Assurance.PASSWORD ? enrol(decision.methods(), required, keyNeeded)
                    : new Plan(Step.REMIND, false, Afterwards.NOTHING, decision.methods(), required);
            case "ALLOW" -> required > Assurance.PASSWORD ? enrol(List.of(TOTP, WEBAUTHN), required, keyNeeded)
                    : new Plan(Step.PASS, false, Afterwards.NOTHING, List.of(), required);
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
}
