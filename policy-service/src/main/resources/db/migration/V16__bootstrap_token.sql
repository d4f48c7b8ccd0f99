-- The bootstrap admin token (PORTCULLIS_ADMIN_TOKEN), which lives in the environment: whether an OIDC
-- admin switched it off, when and by whom, and when it was last used. Every replica reads this row at
-- each use of the token, so a switch-off holds on all of them at once, without a restart. One row,
-- id 1; nothing here holds or identifies the token itself.
CREATE TABLE bootstrap_token (
    id           INTEGER                  NOT NULL PRIMARY KEY,
    disabled_at  TIMESTAMP WITH TIME ZONE,
    disabled_by  VARCHAR(255),
    last_used_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT bootstrap_token_one_row CHECK (id = 1)
);
INSERT INTO bootstrap_token (id) VALUES (1);
