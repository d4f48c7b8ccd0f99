package dev.portcullis.policy.console;

import dev.portcullis.policy.support.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(PostgresProfile.class)
class KnownSubjectsPostgresTest extends KnownSubjectsContract {
}
