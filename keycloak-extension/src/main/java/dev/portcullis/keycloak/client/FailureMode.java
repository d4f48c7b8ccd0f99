package dev.portcullis.keycloak.client;

import java.util.Locale;

/** What a check does when the policy service cannot be reached in time. */
public enum FailureMode {
    /** Let the login go on; an audit record follows when the service is back. */
    OPEN,
    /** Stop the login with a clear page. MFA always fails closed. */
    CLOSED;

    static FailureMode parse(String key, String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be 'open' or 'closed', not '" + value + "'");
        }
    }
}
