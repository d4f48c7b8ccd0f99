-- What the login flow last told us about a subject: its groups, realm roles and client (JSON).
-- The console counts coverage per group and previews policy changes from it. Null until the
-- subject's first login decision.
ALTER TABLE subject_state ADD COLUMN facts VARCHAR(8000);
