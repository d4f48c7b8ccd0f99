-- Credential fingerprints: one row per subject and service, never a password.
-- exact_fp and root_fp are HMAC-SHA256 (hex) of Argon2id outputs under keys derived from the master
-- key (ARCHITECTURE "Fingerprints"); root_fp is null when the password's root is under 4 characters.
-- Deleting a service deletes its fingerprints.
CREATE TABLE credential_fingerprint (
    subject     VARCHAR(255)             NOT NULL,
    service     VARCHAR(64)              NOT NULL,
    exact_fp    VARCHAR(64)              NOT NULL,
    root_fp     VARCHAR(64),
    key_id      VARCHAR(16)              NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (subject, service),
    CONSTRAINT credential_fingerprint_service_fk FOREIGN KEY (service)
        REFERENCES service_client (name) ON DELETE CASCADE
);
CREATE INDEX credential_fingerprint_exact_ix ON credential_fingerprint (subject, exact_fp);
CREATE INDEX credential_fingerprint_root_ix ON credential_fingerprint (subject, root_fp);
CREATE INDEX credential_fingerprint_service_ix ON credential_fingerprint (service);
