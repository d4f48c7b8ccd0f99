-- Variant model version 2: up to two root fingerprints per password (root_fp, root2_fp), and the
-- version of the algorithm that found them. Rows stored before this migration are version 1: their
-- root_fp is matched by checks (a root's fingerprint does not depend on the version that found it,
-- and a check of a person who still has version-1 rows also computes the version-1 root) until the
-- service reports that password again, which stores version 2.
ALTER TABLE credential_fingerprint ADD COLUMN root2_fp VARCHAR(64);
ALTER TABLE credential_fingerprint ADD COLUMN variant_version INTEGER DEFAULT 1 NOT NULL;
CREATE INDEX credential_fingerprint_root2_ix ON credential_fingerprint (subject, root2_fp);
