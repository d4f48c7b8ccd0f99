package dev.portcullis.policy.audit;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AuditChainH2Test extends AuditChainContract {
}
