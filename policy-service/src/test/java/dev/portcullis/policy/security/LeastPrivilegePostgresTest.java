package dev.portcullis.policy.security;

import dev.portcullis.policy.support.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(PostgresProfile.class)
class LeastPrivilegePostgresTest extends LeastPrivilegeContract {
}
