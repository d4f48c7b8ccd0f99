-- People are known by their identity provider's immutable user id, not by their login name.
-- subject stays the key of every subject-keyed table (and the associated data of sealed TOTP secrets,
-- the salt of password fingerprints, the key of recovery-code hashes), and never changes once a row
-- exists: a rename in Keycloak changes username only, so factors, codes and history stay with the person.
-- keycloak_id: Keycloak's user id (null for a row from before this version, until Keycloak next names the
--              person: the first login with the same name adopts it, unless the account is younger).
-- username:    the person's current login name, exactly as Keycloak spells it (lower-cased). Services look
--              people up by it. A name taken by a new account is released by the row that held it
--              (username null, username_released_at set) and that row keeps its state until its own account
--              shows up again. A row with neither username nor keycloak_id nor username_released_at was
--              written by a replica of a release before this one during a rolling upgrade: its key is its
--              name, as before.
-- realm:       the Keycloak realm of the account (null before this version). A name is released only to an
--              account of the same realm: another realm's account with the same name gets no name here.
ALTER TABLE subject_state ADD COLUMN keycloak_id VARCHAR(255);
ALTER TABLE subject_state ADD COLUMN username VARCHAR(255);
ALTER TABLE subject_state ADD COLUMN username_released_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE subject_state ADD COLUMN realm VARCHAR(255);
UPDATE subject_state SET username = subject;
CREATE UNIQUE INDEX subject_state_keycloak_id_uq ON subject_state (keycloak_id);
CREATE UNIQUE INDEX subject_state_username_uq ON subject_state (username);
