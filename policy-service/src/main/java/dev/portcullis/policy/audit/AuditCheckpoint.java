package dev.portcullis.policy.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The signed hash of the last event a purge removed: where the remaining chain starts. */
@Entity
@Table(name = "audit_checkpoint")
public class AuditCheckpoint {

    @Id
    @Column(name = "through_id")
    long throughId;

    @Column(name = "hash", nullable = false, length = 64)
    String hash;

    @Column(name = "purged", nullable = false)
    long purged;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "signature", nullable = false, length = 64)
    String signature;
}
