-- Client certificates bound to services (docs/architecture.md "Authentication to the policy service").
-- certificate_pins: up to two pins, comma-separated, each sha256/<base64> of the SubjectPublicKeyInfo of a
-- client certificate the service's key must come with; empty: not pinned. The default stays, so that a
-- replica of an earlier release can still create services during a rolling upgrade (it does not enforce pins).
ALTER TABLE service_client ADD COLUMN certificate_pins VARCHAR(255) DEFAULT '' NOT NULL;
