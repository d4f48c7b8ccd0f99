package dev.portcullis.policy.approvals;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * A request for a second admin's approval, as the API and the console show it. {@code status}:
 * pending, approved, rejected or expired.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApprovalView(String id, String action, String subject, Map<String, Object> parameters, String why,
        String requestedBy, Instant requestedAt, Instant expiresAt, String status, String decidedBy,
        Instant decidedAt) {

    public boolean pending() {
        return ApprovalRequest.PENDING.equals(status);
    }
}
