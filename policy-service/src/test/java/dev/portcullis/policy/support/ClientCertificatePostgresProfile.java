package dev.portcullis.policy.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** HTTPS with client certificates required ({@link ClientCertificateResource}), on PostgreSQL. */
public class ClientCertificatePostgresProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ClientCertificateResource.class),
                new TestResourceEntry(EmbeddedPostgresResource.class));
    }
}
