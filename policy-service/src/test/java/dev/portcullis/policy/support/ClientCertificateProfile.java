package dev.portcullis.policy.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** HTTPS with client certificates required ({@link ClientCertificateResource}), on the embedded H2. */
public class ClientCertificateProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ClientCertificateResource.class));
    }
}
