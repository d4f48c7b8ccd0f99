package dev.portcullis.policy.policies;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A stored policy: its name and its document as JSON. */
@Entity
@Table(name = "mfa_policy")
public class MfaPolicy {

    @Id
    @Column(name = "name", length = 64)
    String name;

    @Column(name = "document", nullable = false, length = 8000)
    String document;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;
}
