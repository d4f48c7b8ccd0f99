package dev.portcullis.keycloak.client;

/**
 * The policy service answered with a 4xx problem: the request was wrong, or not allowed (a locked
 * subject gets 423). {@code detail} is the problem's explanation, never a secret.
 */
public class PolicyServiceRejection extends RuntimeException {

    private final int status;
    private final long retryAfterSeconds;

    public PolicyServiceRejection(int status, String detail) {
        this(status, detail, -1);
    }

    /** {@code retryAfterSeconds}: the {@code Retry-After} of a 429, or -1. */
    public PolicyServiceRejection(int status, String detail, long retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** When the service will answer again (a 429's {@code Retry-After}), in seconds; -1 when it did not say. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public boolean locked() {
        return status == 423;
    }

    /** Asked too often about this person (429): as good as locked for now. */
    public boolean throttled() {
        return status == 429;
    }

    /** The request itself was refused as malformed (400), e.g. a code that is not digits. */
    public boolean malformed() {
        return status == 400;
    }
}
