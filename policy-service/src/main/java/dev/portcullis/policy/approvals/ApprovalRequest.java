package dev.portcullis.policy.approvals;

import dev.portcullis.policy.persistence.JsonColumn;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A change to a protected person's factors that waits for a second policy admin. */
@Entity
@Table(name = "approval_request")
public class ApprovalRequest {

    static final String PENDING = "pending";
    static final String APPROVED = "approved";
    static final String REJECTED = "rejected";
    static final String EXPIRED = "expired";

    @Id
    @Column(name = "id", length = 36)
    String id;

    /** The {@link ApprovedAction} to carry out once approved. */
    @Column(name = "action", length = 32, nullable = false)
    String action;

    @Column(name = "subject", nullable = false)
    String subject;

    /** The action's parameters as JSON. */
    @Column(name = "parameters", length = 1000, nullable = false)
    String parameters;

    /** Why the person is protected. */
    @Column(name = "why", length = 500, nullable = false)
    String why;

    @Column(name = "requested_by", nullable = false)
    String requestedBy;

    @Column(name = "requested_at", nullable = false)
    Instant requestedAt;

    @Column(name = "expires_at", nullable = false)
    Instant expiresAt;

    @Column(name = "status", length = 16, nullable = false)
    String status;

    @Column(name = "decided_by")
    String decidedBy;

    @Column(name = "decided_at")
    Instant decidedAt;

    ApprovalView view(Instant now) {
        String shown = PENDING.equals(status) && !expiresAt.isAfter(now) ? EXPIRED : status;
        return new ApprovalView(id, action, subject, JsonColumn.read(parameters), why, requestedBy, requestedAt, expiresAt,
                shown, decidedBy, decidedAt);
    }
}
