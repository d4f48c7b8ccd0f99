package dev.portcullis.policy.notifications;

import dev.portcullis.policy.support.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(PostgresProfile.class)
class NotificationApiPostgresTest extends NotificationApiContract {
}
