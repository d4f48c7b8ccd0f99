package dev.portcullis.policy.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The signed hash of a chained event, with the time it was chained, written by the chainer every
 * {@value AuditChainer#ANCHOR_EVERY} events: a verify recomputes the chain up to it and compares, so a
 * chain rewritten with access to the database alone (hashes and head recomputed) is caught up to the
 * latest anchor. Its {@code createdAt} is signed too, so a range verify can choose where to start and end
 * by a time that nobody without the master key can move.
 */
@Entity
@Table(name = "audit_anchor")
public class AuditAnchor {

    @Id
    @Column(name = "through_id")
    long throughId;

    @Column(name = "hash", nullable = false, length = 64)
    String hash;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "signature", nullable = false, length = 64)
    String signature;
}
