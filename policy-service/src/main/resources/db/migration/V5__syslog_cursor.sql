-- Syslog forwarding: the id of the last audit event the collector was sent. One row, locked by the
-- replica that forwards, so that replicas never send the same event twice.
CREATE TABLE syslog_cursor (
    id       INTEGER NOT NULL PRIMARY KEY,
    last_id  BIGINT  NOT NULL
);
INSERT INTO syslog_cursor (id, last_id) VALUES (1, 0);
