package dev.portcullis.policy.bootstrap;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The one row about the bootstrap admin token: switched off (when, by whom) and its last use. Never
 * the token, which lives in the environment.
 */
@Entity
@Table(name = "bootstrap_token")
public class BootstrapTokenRow {

    static final int ROW = 1;

    @Id
    @Column(name = "id")
    int id;

    @Column(name = "disabled_at")
    Instant disabledAt;

    @Column(name = "disabled_by")
    String disabledBy;

    @Column(name = "last_used_at")
    Instant lastUsedAt;
}
