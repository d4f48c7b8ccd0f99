package dev.portcullis.policy.subjects;

import static dev.portcullis.policy.support.Api.admin;
import static dev.portcullis.policy.support.Api.as;
import static dev.portcullis.policy.support.Api.createService;
import static dev.portcullis.policy.support.Api.uniqueName;
import static org.hamcrest.Matchers.equalTo;

import dev.portcullis.policy.support.Mfa;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Several realms share the policy service, and its people from before ids were the employees realm's
 * ({@code PORTCULLIS_PEOPLE_LEGACY_REALM}): a customer realm's sign-up with an employee's name neither
 * adopts that employee nor takes their name, however old or young the account.
 */
@QuarkusTest
@TestProfile(PeopleLegacyRealmTest.EmployeesWereFirst.class)
class PeopleLegacyRealmTest {

    public static class EmployeesWereFirst implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("portcullis.people.legacy-realm", "employees");
        }
    }

    @Test
    void anotherRealmsAccountNeitherAdoptsNorReleasesAPersonStoredBefore() {
        String keycloak = createService(uniqueName("keycloak"), "mfa", "enrol", "idp");
        String name = uniqueName("edda");
        as(keycloak).body(Map.of("subject", name)).post("/api/v1/decisions/login").then().statusCode(200);
        Mfa.enrol(keycloak, name);
        String decided = as(keycloak).header(PeopleByIdContract.ID, UUID.randomUUID().toString())
                .header(PeopleByIdContract.CREATED, Instant.parse("2020-01-01T00:00:00Z").toEpochMilli())
                .header(PeopleByIdContract.REALM, "customers")
                .body(Map.of("subject", name, "groups", List.of(), "roles", List.of(), "enrolledMethods", List.of()))
                .post("/api/v1/decisions/login").then().statusCode(200).extract().path("action");
        org.assertj.core.api.Assertions.assertThat(decided).as("a new person, not edda").isEqualTo("ENROL_OPTIONAL");
        admin().get("/api/v1/admin/subjects/" + name + "/mfa").then().statusCode(200)
                .body("enrolledMethods", equalTo(List.of("totp"))).body("username", equalTo(name));
        // her own account, of the employees realm, is her
        as(keycloak).header(PeopleByIdContract.ID, UUID.randomUUID().toString())
                .header(PeopleByIdContract.CREATED, Instant.parse("2020-01-01T00:00:00Z").toEpochMilli())
                .header(PeopleByIdContract.REALM, "employees").body(Map.of("subject", name))
                .post("/api/v1/decisions/login").then().statusCode(200).body("action", equalTo("VERIFY"));
    }
}
