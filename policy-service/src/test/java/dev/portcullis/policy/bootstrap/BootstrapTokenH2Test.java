package dev.portcullis.policy.bootstrap;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class BootstrapTokenH2Test extends BootstrapTokenContract {
}
