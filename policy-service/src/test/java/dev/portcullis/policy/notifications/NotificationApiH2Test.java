package dev.portcullis.policy.notifications;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class NotificationApiH2Test extends NotificationApiContract {
}
