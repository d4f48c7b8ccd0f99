package dev.portcullis.policy.problem;

import io.quarkus.security.AuthenticationFailedException;

/**
 * Why a valid token of the realm is still refused (wrong application, no second factor, a console
 * session sent to the API), carried as the cause of the authentication failure. Its message says why
 * and holds nothing secret: it becomes the 401 problem's detail.
 */
public final class TokenRefused extends RuntimeException {

    private TokenRefused(String reason) {
        super(reason, null, false, false);
    }

    /** The failure to return from authentication, with its reason attached. */
    public static AuthenticationFailedException because(String reason) {
        return new AuthenticationFailedException(reason, new TokenRefused(reason));
    }
}
