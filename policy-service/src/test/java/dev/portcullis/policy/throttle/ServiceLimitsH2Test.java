package dev.portcullis.policy.throttle;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(ServiceLimitsContract.H2.class)
class ServiceLimitsH2Test extends ServiceLimitsContract {
}
