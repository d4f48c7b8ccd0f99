package dev.portcullis.policy.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One link of the audit chain. Written once, never updated. */
@Entity
@Table(name = "audit_event")
public class AuditEvent extends AuditContent {

    @Id
    @Column(name = "id")
    long id;

    @Column(name = "recorded_at", nullable = false)
    Instant recordedAt;

    @Column(name = "prev_hash", nullable = false, length = 64)
    String prevHash;

    @Column(name = "hash", nullable = false, length = 64)
    String hash;

    /**
     * The chain version the chainer hashed the event with ({@link AuditChain#version}). Not what decides
     * it (the head does), but a column that releases before chain version 2 do not write: they cannot
     * chain into a chain that has it. The verifier reports an event whose version disagrees with the head.
     */
    @Column(name = "chain_version", nullable = false)
    short chainVersion;

    AuditChain.Link link() {
        return new AuditChain.Link(id, occurredAt, recordedAt, actor, type, subject, outcome, ip, details);
    }
}
