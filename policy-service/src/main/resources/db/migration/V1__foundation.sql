-- Portcullis foundation schema. Portable SQL: runs unchanged on H2 2.x and PostgreSQL 12+.

-- Services (VPN, Git, Keycloak...) and their API keys. The key itself is never stored:
-- key_hash is the SHA-256 of the key, in hex.
CREATE TABLE service_client (
    name            VARCHAR(64)              NOT NULL PRIMARY KEY,
    scopes          VARCHAR(255)             NOT NULL,
    key_hash        VARCHAR(64)              NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    key_rotated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT service_client_key_hash_uq UNIQUE (key_hash)
);

-- The hash-chained audit log. id is dense (1, 2, 3...) and assigned under the lock of
-- audit_head, so chain order is id order, across replicas.
CREATE TABLE audit_event (
    id           BIGINT                   NOT NULL PRIMARY KEY,
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    actor        VARCHAR(128)             NOT NULL,
    event_type   VARCHAR(64)              NOT NULL,
    subject      VARCHAR(255),
    outcome      VARCHAR(16)              NOT NULL,
    ip           VARCHAR(64),
    details      VARCHAR(8000)            NOT NULL,
    prev_hash    VARCHAR(64)              NOT NULL,
    hash         VARCHAR(64)              NOT NULL
);
CREATE INDEX audit_event_occurred_at_ix ON audit_event (occurred_at);
CREATE INDEX audit_event_subject_ix ON audit_event (subject);

-- One row: the end of the chain. Writers lock it (SELECT ... FOR UPDATE) to append.
CREATE TABLE audit_head (
    id        INTEGER     NOT NULL PRIMARY KEY,
    last_id   BIGINT      NOT NULL,
    last_hash VARCHAR(64) NOT NULL
);
INSERT INTO audit_head (id, last_id, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
