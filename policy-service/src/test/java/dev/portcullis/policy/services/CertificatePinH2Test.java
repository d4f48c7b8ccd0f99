package dev.portcullis.policy.services;

import dev.portcullis.policy.support.ClientCertificateProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(ClientCertificateProfile.class)
class CertificatePinH2Test extends CertificatePinContract {
}
