package dev.portcullis.policy.services;

import dev.portcullis.policy.support.ClientCertificatePostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(ClientCertificatePostgresProfile.class)
class CertificatePinPostgresTest extends CertificatePinContract {
}
