package dev.portcullis.policy.mfa;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TotpApiH2Test extends TotpApiContract {
}
