package dev.portcullis.policy.credentials;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class VariantApiH2Test extends VariantApiContract {
}
