package dev.portcullis.policy.passes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One access pass, as its keyed hash: never the pass itself. */
@Entity
@Table(name = "access_pass")
public class AccessPass {

    @Id
    @Column(name = "id", length = 36)
    String id;

    @Column(name = "subject", nullable = false)
    String subject;

    @Column(name = "pass_hash", length = 64, nullable = false)
    String passHash;

    @Column(name = "issued_at", nullable = false)
    Instant issuedAt;

    @Column(name = "expires_at", nullable = false)
    Instant expiresAt;

    @Column(name = "issued_by", nullable = false)
    String issuedBy;

    @Column(name = "single_use", nullable = false)
    boolean singleUse;

    @Column(name = "uses", nullable = false)
    int uses;

    @Column(name = "last_used_at")
    Instant lastUsedAt;

    @Column(name = "revoked_at")
    Instant revokedAt;

    @Column(name = "revoked_by")
    String revokedBy;

    @Column(name = "expiry_audited", nullable = false)
    boolean expiryAudited;

    AccessPassView view(Instant now) {
        String status;
        if (revokedAt != null) {
            status = "revoked";
        } else if (singleUse && uses > 0) {
            status = "used";
        } else if (!expiresAt.isAfter(now)) {
            status = "expired";
        } else {
            status = "active";
        }
        return new AccessPassView(id, subject, status, issuedAt, expiresAt, issuedBy, singleUse, uses, lastUsedAt,
                revokedAt, revokedBy);
    }
}
