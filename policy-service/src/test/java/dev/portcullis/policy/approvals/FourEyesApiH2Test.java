package dev.portcullis.policy.approvals;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class FourEyesApiH2Test extends FourEyesApiContract {
}
