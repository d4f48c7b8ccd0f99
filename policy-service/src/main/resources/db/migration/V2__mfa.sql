-- MFA: policies, the state of each subject (first seen, TOTP, lockout) and recovery codes.

-- A policy document (JSON, validated by the service) under a unique name.
CREATE TABLE mfa_policy (
    name        VARCHAR(64)              NOT NULL PRIMARY KEY,
    document    VARCHAR(8000)            NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
-- The built-in baseline (ARCHITECTURE "Defaults"): editable, never deleted.
INSERT INTO mfa_policy (name, document, updated_at) VALUES ('baseline',
 '{"appliesTo":{"groups":[],"roles":[],"clients":[]},"mfa":{"required":true,"methods":["totp","webauthn"],"enrolmentGraceDays":7,"effectiveFrom":null},"passwords":{"reuse":"block","variantReuse":"warn","breached":"block","minLength":8}}',
 CURRENT_TIMESTAMP);

-- One row per person. TOTP secrets are AES-256-GCM ciphertext (base64 of nonce || ciphertext || tag),
-- bound to the subject as associated data, under the derived key named by *_key_id.
CREATE TABLE subject_state (
    subject             VARCHAR(255)             NOT NULL PRIMARY KEY,
    first_seen_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    totp_secret         VARCHAR(255),
    totp_key_id         VARCHAR(16),
    totp_enrolled_at    TIMESTAMP WITH TIME ZONE,
    totp_last_step      BIGINT,
    pending_secret      VARCHAR(255),
    pending_key_id      VARCHAR(16),
    pending_expires_at  TIMESTAMP WITH TIME ZONE,
    failed_attempts     INTEGER                  NOT NULL,
    locked_until        TIMESTAMP WITH TIME ZONE
);

-- Recovery codes, stored only as HMAC-SHA256 under a key derived from the master secret.
CREATE TABLE recovery_code (
    subject    VARCHAR(255)             NOT NULL,
    code_hash  VARCHAR(64)              NOT NULL,
    used_at    TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (subject, code_hash)
);
