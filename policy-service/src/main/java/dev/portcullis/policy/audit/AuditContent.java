package dev.portcullis.policy.audit;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;

/** What an audit event says, as both the outbox and the chain store it. */
@MappedSuperclass
public abstract class AuditContent {

    @Column(name = "occurred_at", nullable = false)
    Instant occurredAt;

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

    void copyContent(AuditContent from) {
        occurredAt = from.occurredAt;
        actor = from.actor;
        type = from.type;
        subject = from.subject;
        outcome = from.outcome;
        ip = from.ip;
        details = from.details;
    }
}
