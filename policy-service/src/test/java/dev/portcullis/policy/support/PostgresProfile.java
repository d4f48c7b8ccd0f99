package dev.portcullis.policy.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** Runs a Quarkus test against PostgreSQL instead of the embedded H2. */
public class PostgresProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(EmbeddedPostgresResource.class));
    }
}
