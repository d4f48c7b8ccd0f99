-- Wrong codes sent by a service other than the identity provider lock the person out of that service
-- only: a compromised VPN's key must not be able to lock everyone (admins too) out of Keycloak. The same
-- rule as the person's own lockout (subject_state): consecutive failures, a lock, each lock in a row twice
-- as long. A lock set by the identity provider's failures still holds at every service.
CREATE TABLE service_lockout (
    subject              VARCHAR(255)             NOT NULL,
    service              VARCHAR(64)              NOT NULL,
    failed_attempts      INTEGER                  NOT NULL,
    locked_until         TIMESTAMP WITH TIME ZONE,
    consecutive_lockouts INTEGER                  NOT NULL,
    PRIMARY KEY (subject, service)
);
