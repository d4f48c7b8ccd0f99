package dev.portcullis.policy.throttle;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ThrottleH2Test extends ThrottleContract {
}
