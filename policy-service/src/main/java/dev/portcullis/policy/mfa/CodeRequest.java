package dev.portcullis.policy.mfa;

/** A code typed by a person: TOTP or recovery code. */
public record CodeRequest(String code) {

    @Override
    public String toString() {
        return "CodeRequest[code=redacted]";
    }
}
