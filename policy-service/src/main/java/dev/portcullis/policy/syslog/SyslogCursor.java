package dev.portcullis.policy.syslog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The last audit event sent to the collector. */
@Entity
@Table(name = "syslog_cursor")
public class SyslogCursor {

    static final int ROW = 1;

    @Id
    @Column(name = "id")
    int id;

    @Column(name = "last_id", nullable = false)
    long lastId;
}
