package dev.portcullis.policy.approvals;

import dev.portcullis.policy.support.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(PostgresProfile.class)
class FourEyesApiPostgresTest extends FourEyesApiContract {
}
