package dev.portcullis.policy.bootstrap;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(ExpiredTokenProfile.OnPostgres.class)
class ExpiredTokenPostgresTest extends ExpiredTokenContract {
}
