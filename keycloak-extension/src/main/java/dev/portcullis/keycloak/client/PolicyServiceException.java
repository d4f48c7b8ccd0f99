package dev.portcullis.keycloak.client;

/**
 * The policy service could not give an answer: unreachable, too slow, or failing (5xx). Callers
 * apply their failure mode: MFA fails closed, password checks as configured.
 */
public class PolicyServiceException extends RuntimeException {

    private final int status;

    public PolicyServiceException(String message, Throwable cause) {
        super(message, cause, false, false);
        this.status = 0;
    }

    public PolicyServiceException(String message) {
        this(0, message);
    }

    /** The service answered, but with a 5xx. */
    public PolicyServiceException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** The 5xx the service answered with, or 0 when it did not answer at all. */
    public int status() {
        return status;
    }
}
