package dev.portcullis.policy.credentials;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CredentialApiH2Test extends CredentialApiContract {
}
