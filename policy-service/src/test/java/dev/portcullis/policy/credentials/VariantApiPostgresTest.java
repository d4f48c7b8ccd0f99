package dev.portcullis.policy.credentials;

import dev.portcullis.policy.support.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(PostgresProfile.class)
class VariantApiPostgresTest extends VariantApiContract {
}
