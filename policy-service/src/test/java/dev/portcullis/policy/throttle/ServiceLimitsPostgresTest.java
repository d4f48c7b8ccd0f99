package dev.portcullis.policy.throttle;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(ServiceLimitsContract.Postgres.class)
class ServiceLimitsPostgresTest extends ServiceLimitsContract {
}
