package dev.portcullis.policy.console;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class KnownSubjectsH2Test extends KnownSubjectsContract {
}
