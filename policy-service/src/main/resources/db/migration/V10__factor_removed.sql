-- When a person's security key or passkey was found removed (by an event from Keycloak, or by the
-- next login decision). Until they prove an accepted factor again, no grace period applies to them:
-- removing the last factor does not buy the password alone a few more weeks.
ALTER TABLE subject_state ADD COLUMN factor_removed_at TIMESTAMP WITH TIME ZONE;
