package dev.portcullis.policy.approvals;

import dev.portcullis.policy.security.Caller;
import java.util.Map;

/**
 * Something done to a person's factors that, for a protected person, waits for a second policy
 * admin: each capability that offers one implements it (a CDI bean), so that this package depends
 * on none of them.
 */
public interface ApprovedAction {

    /** The name requests are stored under: {@code totp-reset}, {@code access-pass}. */
    String id();

    /**
     * Carries it out for {@code approver}, inside the approval's transaction. The answer goes to the
     * approver (an access pass is shown to them, once).
     */
    Object perform(String subject, Map<String, Object> parameters, Caller approver);
}
