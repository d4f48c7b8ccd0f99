package dev.portcullis.policy.policies;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PolicyApiH2Test extends PolicyApiContract {
}
