package dev.portcullis.policy.policies;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A second factor. Ordered from weaker to stronger: WebAuthn resists phishing, TOTP does not. */
public enum Method {
    @JsonProperty("totp") TOTP,
    @JsonProperty("webauthn") WEBAUTHN
}
