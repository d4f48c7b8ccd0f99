package dev.portcullis.policy.audit;

/**
 * How serious an audit event is, in one place for every output: CEF's 0-10 and syslog's RFC 5424
 * severities come from here.
 */
public enum AuditSeverity {
    /** Routine: a code verified, a password checked, a login reported. */
    INFO(3, 6),
    /** A change to services, policies, or someone's factors. */
    CHANGE(5, 5),
    /** Something that did not pass: a wrong code, a refused check, a failed login. */
    FAILURE(6, 4),
    /** Someone is locked out, or a key came with the wrong certificate: likely an attack in progress. */
    ALERT(8, 2);

    private final int cef;
    private final int syslog;

    AuditSeverity(int cef, int syslog) {
        this.cef = cef;
        this.syslog = syslog;
    }

    /** CEF severity, 0 (low) to 10 (very high). */
    public int cef() {
        return cef;
    }

    /** RFC 5424 severity: 2 critical, 4 warning, 5 notice, 6 informational. */
    public int syslog() {
        return syslog;
    }

    /**
     * The severity of a stored event: its catalogue entry's, raised to FAILURE when it failed. An event
     * a service reported (not in the catalogue) is INFO, or FAILURE when it failed.
     */
    public static AuditSeverity of(String type, String outcome) {
        AuditSeverity base = AuditType.of(type).map(AuditType::severity).orElse(INFO);
        boolean failed = Outcome.FAILURE.name().equalsIgnoreCase(outcome);
        return failed && base.compareTo(FAILURE) < 0 ? FAILURE : base;
    }
}
