package dev.portcullis.policy.passes;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** An access pass as admins see it: never the pass. {@code status}: active, used, expired or revoked. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccessPassView(String id, String subject, String status, Instant issuedAt, Instant expiresAt,
        String issuedBy, boolean singleUse, int uses, Instant lastUsedAt, Instant revokedAt, String revokedBy) {

    public boolean active() {
        return "active".equals(status);
    }
}
