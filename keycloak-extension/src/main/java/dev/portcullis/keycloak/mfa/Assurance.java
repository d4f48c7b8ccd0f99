package dev.portcullis.keycloak.mfa;

import dev.portcullis.keycloak.client.Answers;
import java.util.List;

/**
 * Pure: levels of assurance as the realm names them (its ACR-to-LoA mapping) and what a decision
 * demands. 1 ({@code pwd}) is the password alone, 2 ({@code mfa}) a one-time code, 3 ({@code phr})
 * a phishing-resistant key (WebAuthn).
 */
final class Assurance {

    static final int PASSWORD = 1;
    static final int SECOND_FACTOR = 2;
    static final int PHISHING_RESISTANT = 3;

    private Assurance() {
    }

    /**
     * The level this login must reach: what the policy service's decision demands, or more if the
     * client asked for more ({@code acr_values}). A grace period demands only the password, but once
     * a person has a factor the decision is VERIFY, so a grace period never lowers what they prove.
     */
    static int required(Answers.LoginDecision decision, int requestedByClient) {
        return Math.max(demanded(decision), requestedByClient);
    }

    static int demanded(Answers.LoginDecision decision) {
        return switch (decision.action()) {
            case "ALLOW", "ENROL_OPTIONAL" -> PASSWORD;
            case "VERIFY", "ENROL" -> ofMethods(decision.methods());
            default -> Integer.MAX_VALUE;
        };
    }

    /** A one-time code suffices where the policy accepts TOTP; a webauthn-only policy needs a key. */
    static int ofMethods(List<String> methods) {
        return methods == null || methods.isEmpty() || methods.contains("totp") ? SECOND_FACTOR : PHISHING_RESISTANT;
    }
}
