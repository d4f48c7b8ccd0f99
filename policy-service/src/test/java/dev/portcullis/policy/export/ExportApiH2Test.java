package dev.portcullis.policy.export;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ExportApiH2Test extends ExportApiContract {
}
