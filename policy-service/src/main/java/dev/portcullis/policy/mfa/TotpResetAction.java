package dev.portcullis.policy.mfa;

import dev.portcullis.policy.approvals.ApprovedAction;
import dev.portcullis.policy.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/** An admin reset of a person's authenticator app, once approved where four eyes apply. */
@ApplicationScoped
public class TotpResetAction implements ApprovedAction {

    public static final String ID = "totp-reset";

    @Inject
    TotpService totp;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Object perform(String subject, Map<String, Object> parameters, Caller approver) {
        totp.reset(subject, approver);
        return null;
    }
}
