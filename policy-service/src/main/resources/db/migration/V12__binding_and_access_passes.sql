-- Binding a factor (docs/architecture.md "Binding a factor").
-- bound_at: when the subject first had a second factor. The password alone binds only a first factor:
-- someone who had one and lost them all (an admin reset, a removed key) binds the next with an access
-- pass. Subjects who have or had a factor count as bound from now on.
ALTER TABLE subject_state ADD COLUMN bound_at TIMESTAMP WITH TIME ZONE;
UPDATE subject_state SET bound_at = COALESCE(totp_enrolled_at, CURRENT_TIMESTAMP)
 WHERE totp_secret IS NOT NULL OR factor_removed_at IS NOT NULL
    OR facts LIKE '%"webauthn":true%' OR facts LIKE '%"passkey":true%';
-- pass_binding_until: an access pass was used; until then, one factor may be bound where the
-- subject's policies demand a pass. Cleared once one is.
ALTER TABLE subject_state ADD COLUMN pass_binding_until TIMESTAMP WITH TIME ZONE;

-- Access passes: issued by a policy admin for one person, stored only as HMAC-SHA256 under a key
-- derived from the master secret (never the pass), shown once.
CREATE TABLE access_pass (
    id           VARCHAR(36)              NOT NULL PRIMARY KEY,
    subject      VARCHAR(255)             NOT NULL,
    pass_hash    VARCHAR(64)              NOT NULL,
    issued_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    issued_by    VARCHAR(255)             NOT NULL,
    single_use   BOOLEAN                  NOT NULL,
    uses         INTEGER                  NOT NULL,
    last_used_at TIMESTAMP WITH TIME ZONE,
    revoked_at   TIMESTAMP WITH TIME ZONE,
    revoked_by   VARCHAR(255),
    -- set once the expiry of a pass that was never used up or revoked has been audited
    expiry_audited BOOLEAN                NOT NULL,
    CONSTRAINT access_pass_hash_uq UNIQUE (pass_hash)
);
CREATE INDEX access_pass_subject_ix ON access_pass (subject);
CREATE INDEX access_pass_expiry_ix ON access_pass (expiry_audited, expires_at);

-- The console's people bind a new factor only with an access pass (ConsoleRolesPolicy).
UPDATE mfa_policy SET document = REPLACE(document, '"effectiveFrom"', '"binding":"pass","effectiveFrom"')
 WHERE name = 'console-roles' AND document NOT LIKE '%"binding"%';

-- Four eyes: resetting a factor of, or issuing a pass for, a protected person (a console role, a
-- pass-only policy, or not known yet) is a request that a second policy admin approves.
CREATE TABLE approval_request (
    id            VARCHAR(36)              NOT NULL PRIMARY KEY,
    action        VARCHAR(32)              NOT NULL,
    subject       VARCHAR(255)             NOT NULL,
    parameters    VARCHAR(1000)            NOT NULL,
    why           VARCHAR(500)             NOT NULL,
    requested_by  VARCHAR(255)             NOT NULL,
    requested_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    status        VARCHAR(16)              NOT NULL,
    decided_by    VARCHAR(255),
    decided_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX approval_request_status_ix ON approval_request (status, expires_at);

-- Notifications: what a person is told about their account (a factor bound, removed or reset, a pass
-- issued or used, a recovery code used, a lockout, a password changed), queued with the change and
-- sent by the identity provider, which has their address and language. Never a secret or a code.
CREATE TABLE notification (
    id             VARCHAR(36)              NOT NULL PRIMARY KEY,
    subject        VARCHAR(255)             NOT NULL,
    realm          VARCHAR(255),
    kind           VARCHAR(32)              NOT NULL,
    details        VARCHAR(2000)            NOT NULL,
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    ip             VARCHAR(64),
    status         VARCHAR(16)              NOT NULL,
    claim          VARCHAR(36),
    claimed_until  TIMESTAMP WITH TIME ZONE,
    attempts       INTEGER                  NOT NULL,
    done_at        TIMESTAMP WITH TIME ZONE
);
CREATE INDEX notification_pending_ix ON notification (status, claimed_until, occurred_at);
CREATE INDEX notification_subject_ix ON notification (subject, kind, occurred_at);

-- protected_at: when a subject was first seen under a console role or a policy that binds only with a
-- pass. Four eyes then stay on for them, whatever facts a later decision reports (another service's
-- view of their groups and roles may be narrower, or made up). Never cleared automatically.
ALTER TABLE subject_state ADD COLUMN protected_at TIMESTAMP WITH TIME ZONE;
