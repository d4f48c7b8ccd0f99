package dev.portcullis.policy.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The single row that marks the end of the chain; appenders lock it. */
@Entity
@Table(name = "audit_head")
public class AuditHead {

    static final int ROW = 1;

    @Id
    @Column(name = "id")
    int id;

    @Column(name = "last_id", nullable = false)
    long lastId;

    @Column(name = "last_hash", nullable = false, length = 64)
    String lastHash;

    /** The first event hashed with chain version 2 ({@link AuditChain#version}); set once, by migration V13. */
    @Column(name = "v2_from", nullable = false, updatable = false)
    long v2From;
}
