package dev.portcullis.keycloak.client;

/**
 * The policy service answered with a 4xx problem: the request was wrong, or not allowed (a locked
 * subject gets 423). {@code detail} is the problem's explanation, never a secret.
 */
public class PolicyServiceRejection extends RuntimeException {

    private final int status;

    public PolicyServiceRejection(int status, String detail) {
        super(detail, null, false, false);
        this.status = status;
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
