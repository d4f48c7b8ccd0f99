package dev.portcullis.policy.security;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PersonTokenH2Test extends PersonTokenContract {
}
