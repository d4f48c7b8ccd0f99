package dev.portcullis.policy.notifications;

/**
 * What a person is told about their account (NIST SP 800-63B-4 4.1.2.1 and 4.2.3, ASVS 5.0 6.3.7):
 * a factor bound, removed or reset, an access pass issued or used, a recovery code used, a lockout,
 * a password changed.
 */
public enum NotificationKind {
    FACTOR_BOUND("factor-bound"),
    FACTOR_REMOVED("factor-removed"),
    FACTOR_RESET("factor-reset"),
    PASS_ISSUED("pass-issued"),
    PASS_USED("pass-used"),
    RECOVERY_CODE_USED("recovery-code-used"),
    LOCKOUT("lockout"),
    PASSWORD_CHANGED("password-changed");

    private final String id;

    NotificationKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
