package dev.portcullis.policy.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One link of the audit chain. Written once, never updated. */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    @Column(name = "id")
    long id;

    @Column(name = "occurred_at", nullable = false)
    Instant occurredAt;

    @Column(name = "recorded_at", nullable = false)
    Instant recordedAt;

    @Column(name = "actor", nullable = false, length = 128)
    String actor;

    @Column(name = "event_type", nullable = false, length = 64)
    String type;

    @Column(name = "subject")
    String subject;

    @Column(name = "outcome", nullable = false, length = 16)
    String outcome;

    @Column(name = "ip", length = 64)
    String ip;

    /** Canonical JSON (keys sorted) of the event's details. */
    @Column(name = "details", nullable = false, length = 8000)
    String details;

    @Column(name = "prev_hash", nullable = false, length = 64)
    String prevHash;

    @Column(name = "hash", nullable = false, length = 64)
    String hash;

    AuditChain.Link link() {
        return new AuditChain.Link(id, occurredAt, actor, type, subject, outcome, ip, details);
    }
}
