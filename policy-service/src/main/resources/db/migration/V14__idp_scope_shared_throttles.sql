-- Scope idp: only the identity provider speaks for people (first sightings, groups, roles, keys, grace).
-- Until now the service with scope enrol was the identity provider (enrol was documented as Keycloak's
-- alone), so it keeps doing what it did; every other service's decisions become read-only.
-- Scopes are stored comma-separated in the enum's order, where idp comes last.
UPDATE service_client SET scopes = scopes || ',idp'
 WHERE (scopes = 'enrol' OR scopes LIKE 'enrol,%' OR scopes LIKE '%,enrol' OR scopes LIKE '%,enrol,%')
   AND NOT (scopes = 'idp' OR scopes LIKE '%,idp');

-- Throttles shared by every replica: one row per bucket (a service, a person and a kind of request).
-- Times are nanoseconds since the epoch; a row whose bucket is full again (full_at) is deleted.
CREATE TABLE throttle_bucket (
    bucket_key  VARCHAR(400)     NOT NULL PRIMARY KEY,
    tokens      DOUBLE PRECISION NOT NULL,
    updated_at  BIGINT           NOT NULL,
    limited     BOOLEAN          NOT NULL,
    full_at     BIGINT           NOT NULL
);
CREATE INDEX throttle_bucket_full_at ON throttle_bucket (full_at);
