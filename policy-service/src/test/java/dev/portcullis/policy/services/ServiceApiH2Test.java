package dev.portcullis.policy.services;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ServiceApiH2Test extends ServiceApiContract {
}
