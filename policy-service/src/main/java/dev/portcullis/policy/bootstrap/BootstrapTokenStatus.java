package dev.portcullis.policy.bootstrap;

import java.time.Instant;

/**
 * The bootstrap admin token as admins see it, never the token: {@code state} {@code enabled},
 * {@code expired}, {@code disabled} (switched off by an OIDC admin: {@code disabledAt},
 * {@code disabledBy}, for every replica) or {@code absent} (no token set on the replica that answers;
 * {@code configured} and {@code expiresAt} are that replica's environment), and its last accepted use.
 */
public record BootstrapTokenStatus(String state, boolean configured, Instant expiresAt, Instant disabledAt,
        String disabledBy, Instant lastUsedAt) {

    static final String ENABLED = "enabled";
    static final String EXPIRED = "expired";
    static final String DISABLED = "disabled";
    static final String ABSENT = "absent";

    static String state(boolean configured, Instant expiresAt, Instant disabledAt, Instant now) {
        if (disabledAt != null) {
            return DISABLED;
        }
        if (!configured) {
            return ABSENT;
        }
        return expiresAt != null && !now.isBefore(expiresAt) ? EXPIRED : ENABLED;
    }
}
