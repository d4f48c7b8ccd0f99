package dev.portcullis.keycloak.journal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One event waiting for the policy service, in Keycloak's own database: written in the transaction of
 * the action it records, removed once the policy service has acknowledged it. A node holds an entry
 * while it delivers it ({@code lease} until {@code leaseUntil}); an entry whose lease ran out (its node
 * died) is taken by the next node that looks.
 */
@Entity
@Table(name = "PORTCULLIS_EVENT_JOURNAL")
public class JournalEntry {

    @Id
    @Column(name = "ID", length = 64)
    String id;

    /** Milliseconds since the epoch: delivery goes oldest first. */
    @Column(name = "CREATED_AT", nullable = false)
    long createdAt;

    /** Milliseconds since the epoch; 0 when no node holds the entry. */
    @Column(name = "LEASE_UNTIL", nullable = false)
    long leaseUntil;

    @Column(name = "LEASE", length = 36)
    String lease;

    /** The event as the events API receives it, JSON. */
    @Column(name = "BODY", nullable = false)
    String body;
}
