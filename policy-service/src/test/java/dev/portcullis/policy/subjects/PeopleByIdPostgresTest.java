package dev.portcullis.policy.subjects;

import dev.portcullis.policy.support.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(PostgresProfile.class)
class PeopleByIdPostgresTest extends PeopleByIdContract {
}
