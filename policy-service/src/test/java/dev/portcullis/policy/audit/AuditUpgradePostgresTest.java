package dev.portcullis.policy.audit;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(LegacyChainProfiles.Postgres.class)
class AuditUpgradePostgresTest extends AuditUpgradeContract {
}
