package dev.portcullis.policy.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An audit event written with its action, waiting to be chained. */
@Entity
@Table(name = "audit_outbox")
public class AuditOutboxEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    Long id;

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

    @Column(name = "details", nullable = false, length = 8000)
    String details;
}
