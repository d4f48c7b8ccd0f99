package dev.portcullis.policy.security;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class LeastPrivilegeH2Test extends LeastPrivilegeContract {
}
