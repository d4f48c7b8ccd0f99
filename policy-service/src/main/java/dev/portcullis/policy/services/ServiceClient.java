package dev.portcullis.policy.services;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A service that calls the policy service. Its API key is stored only as a SHA-256 hash. */
@Entity
@Table(name = "service_client")
public class ServiceClient {

    @Id
    @Column(name = "name", length = 64)
    String name;

    /** Comma-separated scope ids, sorted. */
    @Column(name = "scopes", nullable = false)
    String scopes;

    /** Comma-separated certificate pins ({@code sha256/<base64>}), at most two; empty: not pinned. */
    @Column(name = "certificate_pins", nullable = false)
    String certificatePins = "";

    @Column(name = "key_hash", nullable = false, length = 64)
    String keyHash;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "key_rotated_at", nullable = false)
    Instant keyRotatedAt;
}
