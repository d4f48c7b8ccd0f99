package dev.portcullis.policy.events;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class EventApiH2Test extends EventApiContract {
}
