-- Growing lockouts: how many lockouts followed one another without a success in between. Each
-- lasts twice as long as the last, up to portcullis.mfa.max-lockout (Lockout).
ALTER TABLE subject_state ADD COLUMN consecutive_lockouts INTEGER DEFAULT 0 NOT NULL;
