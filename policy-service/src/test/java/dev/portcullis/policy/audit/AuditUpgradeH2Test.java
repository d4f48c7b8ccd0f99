package dev.portcullis.policy.audit;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(LegacyChainProfiles.H2.class)
class AuditUpgradeH2Test extends AuditUpgradeContract {
}
