-- The audit trail goes by recording time (docs/architecture.md "Audit log").

-- Chain version 2: events from v2_from on are hashed with a canonical form that also covers recorded_at
-- and the version itself; the events already chained keep version 1. The head decides an event's
-- version, never the row, so no event can be downgraded.
ALTER TABLE audit_head ADD COLUMN v2_from BIGINT;
UPDATE audit_head SET v2_from = last_id + 1;
ALTER TABLE audit_head ALTER COLUMN v2_from SET NOT NULL;

-- Each event also names the version it was chained with: 1 for those already chained; the chainer writes
-- it from here on. NOT NULL and no default once this has run, so that a replica still running a release
-- from before chain version 2 (a rolling upgrade) cannot chain at all: its insert fails, its transaction
-- rolls back, and the events wait in the outbox for an upgraded replica, instead of being chained the old
-- way past v2_from. The verifier still takes the version from v2_from, and reports a row that disagrees.
-- (Added with a default, which fills the rows already there without rewriting them, then the default
-- dropped.)
ALTER TABLE audit_event ADD COLUMN chain_version SMALLINT DEFAULT 1 NOT NULL;
ALTER TABLE audit_event ALTER COLUMN chain_version DROP DEFAULT;

-- Verification and export select by recording time.
CREATE INDEX audit_event_recorded_at_ix ON audit_event (recorded_at);

-- Signed anchors: the chainer signs the hash of every 1,000th event and the anchor's creation time
-- (HMAC-SHA256 under the key of the purge checkpoints, with a message of its own). A range verify walks
-- from the latest one signed before the range to the first one signed after it; every verify compares
-- the anchors it passes with the hashes it recomputes.
CREATE TABLE audit_anchor (
    through_id  BIGINT                   NOT NULL PRIMARY KEY,
    hash        VARCHAR(64)              NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    signature   VARCHAR(64)              NOT NULL
);

-- Receipts of reported events that carried an id: the same (caller, id) is recorded once. Purged after
-- PORTCULLIS_EVENTS_RECEIPT_DAYS.
CREATE TABLE event_receipt (
    source       VARCHAR(128)             NOT NULL,
    event_id     VARCHAR(64)              NOT NULL,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT event_receipt_pk PRIMARY KEY (source, event_id)
);
CREATE INDEX event_receipt_received_at_ix ON event_receipt (received_at);
