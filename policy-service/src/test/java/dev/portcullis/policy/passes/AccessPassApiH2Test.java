package dev.portcullis.policy.passes;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AccessPassApiH2Test extends AccessPassApiContract {
}
