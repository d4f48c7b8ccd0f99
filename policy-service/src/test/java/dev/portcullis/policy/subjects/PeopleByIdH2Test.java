package dev.portcullis.policy.subjects;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PeopleByIdH2Test extends PeopleByIdContract {
}
