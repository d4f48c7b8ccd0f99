package dev.portcullis.keycloak.client;

/**
 * The policy service could not give an answer: unreachable, too slow, or failing (5xx). Callers
 * apply their failure mode: MFA fails closed, password checks as configured.
 */
public class PolicyServiceException extends RuntimeException {

    public PolicyServiceException(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    public PolicyServiceException(String message) {
        super(message, null, false, false);
    }
}
