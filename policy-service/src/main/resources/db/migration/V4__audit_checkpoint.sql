-- Retention: when old events are purged, a checkpoint keeps the hash of the last purged event,
-- signed (HMAC-SHA256 under a key derived from the master key), so the rest still verifies.
CREATE TABLE audit_checkpoint (
    through_id  BIGINT                   NOT NULL PRIMARY KEY,
    hash        VARCHAR(64)              NOT NULL,
    purged      BIGINT                   NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    signature   VARCHAR(64)              NOT NULL
);
