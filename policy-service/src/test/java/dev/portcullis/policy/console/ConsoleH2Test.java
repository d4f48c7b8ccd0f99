package dev.portcullis.policy.console;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ConsoleH2Test extends ConsoleContract {
}
