package dev.portcullis.policy.throttle;

/** What a throttle applies to: the guessable endpoints, each with its own per-person rate. */
public enum Throttled {
    /** {@code POST /api/v1/credentials/check}: each answer says whether a guess is a person's password. */
    CREDENTIAL_CHECK("credential-check"),
    /** TOTP and recovery-code verification and enrolment confirmation: each answer says whether a code is right. */
    CODE_VERIFY("code-verify");

    private final String id;

    Throttled(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
