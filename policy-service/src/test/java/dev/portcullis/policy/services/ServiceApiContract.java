package dev.portcullis.policy.services;

import static dev.portcullis.policy.support.Api.admin;
import static dev.portcullis.policy.support.Api.as;
import static dev.portcullis.policy.support.Api.createService;
import static dev.portcullis.policy.support.Api.event;
import static dev.portcullis.policy.support.Api.uniqueName;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import dev.portcullis.policy.persistence.Database;
import dev.portcullis.policy.support.Api;
import dev.portcullis.policy.support.Tables;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The services API and API-key authentication, run on each database by its subclasses. */
public abstract class ServiceApiContract {

    @Inject
    Database database;

    @Test
    void adminCreatesAServiceAndItsKeyAuthenticatesWithItsScopes() {
        String name = uniqueName("vpn");
        String key = admin().body(Map.of("name", name, "scopes", List.of("events", "mfa")))
                .post("/api/v1/admin/services")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/admin/services/" + name))
                .body("name", equalTo(name))
                .body("scopes", equalTo(List.of("mfa", "events")))
                .body("apiKey", matchesPattern("pcs_[A-Za-z0-9_-]{43}"))
                .extract().path("apiKey");

        as(key).body(event("login", "alice")).post("/api/v1/events")
                .then().statusCode(200).body("accepted", equalTo(1));
    }

    @Test
    void listingShowsServicesButNeverTheirKeys() {
        String name = uniqueName("gitlab");
        String key = createService(name, "credentials");
        String listing = admin().get("/api/v1/admin/services").then().statusCode(200)
                .body("name", hasItem(name))
                .extract().asString();
        assertThat(listing).doesNotContain(key).doesNotContain(ApiKeys.hash(key)).doesNotContain("keyHash");
    }

    @Test
    void theKeyIsStoredOnlyAsAHash() {
        String name = uniqueName("wallet");
        String key = createService(name, "mfa");
        List<Object[]> rows = Tables.rows(database, "SELECT * FROM service_client");
        rows.addAll(Tables.rows(database, "SELECT * FROM audit_event"));
        assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(java.util.Arrays.toString(row))
                .doesNotContain(key).doesNotContain(key.substring(4))
                .doesNotContain(Api.ADMIN_TOKEN));
        assertThat(Tables.count(database, "SELECT COUNT(*) FROM service_client WHERE key_hash = '"
                + ApiKeys.hash(key) + "'")).isEqualTo(1);
    }

    @Test
    void noKeyOrAWrongKeyGets401() {
        given().contentType(ContentType.JSON).body(event("login", "alice")).post("/api/v1/events")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
        as("pcs_" + "A".repeat(43)).body(event("login", "alice")).post("/api/v1/events")
                .then().statusCode(401).contentType("application/problem+json");
        as("not-a-key").get("/api/v1/admin/services").then().statusCode(401);
        given().header("Authorization", "Basic YWRtaW46YWRtaW4=").get("/api/v1/admin/services")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aMissingScopeGets403() {
        String key = createService(uniqueName("vpn"), "mfa");
        as(key).body(event("login", "alice")).post("/api/v1/events")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("scope"));
    }

    @Test
    void aServiceKeyCannotUseTheAdminApi() {
        String key = createService(uniqueName("vpn"), "mfa", "credentials", "events");
        as(key).get("/api/v1/admin/services").then().statusCode(403);
        as(key).body(Map.of("name", uniqueName("x"), "scopes", List.of("mfa")))
                .post("/api/v1/admin/services").then().statusCode(403);
        as(key).get("/api/v1/audit/verify").then().statusCode(403);
    }

    @Test
    void aDuplicateNameGets409AndKeepsTheFirstKey() {
        String name = uniqueName("vpn");
        String key = createService(name, "events");
        admin().body(Map.of("name", name, "scopes", List.of("mfa"))).post("/api/v1/admin/services")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString(name));
        as(key).body(event("login", "bob")).post("/api/v1/events").then().statusCode(200);
    }

    @Test
    void rotatingAKeyRetiresTheOldOne() {
        String name = uniqueName("git");
        String oldKey = createService(name, "events");
        String newKey = admin().post("/api/v1/admin/services/" + name + "/rotate-key")
                .then().statusCode(200).body("scopes", equalTo(List.of("events")))
                .extract().path("apiKey");
        assertThat(newKey).isNotEqualTo(oldKey);
        as(oldKey).body(event("login", "carol")).post("/api/v1/events").then().statusCode(401);
        as(newKey).body(event("login", "carol")).post("/api/v1/events").then().statusCode(200);
    }

    @Test
    void deletingAServiceRevokesItsKey() {
        String name = uniqueName("legacy");
        String key = createService(name, "events");
        admin().delete("/api/v1/admin/services/" + name).then().statusCode(204);
        as(key).body(event("login", "dave")).post("/api/v1/events").then().statusCode(401);
        admin().delete("/api/v1/admin/services/" + name).then().statusCode(404)
                .contentType("application/problem+json");
        admin().get("/api/v1/admin/services").then().body("name", not(hasItem(name)));
    }

    @Test
    void everyAdminActionIsAudited() {
        String name = uniqueName("audited");
        createService(name, "mfa");
        admin().post("/api/v1/admin/services/" + name + "/rotate-key").then().statusCode(200);
        admin().delete("/api/v1/admin/services/" + name).then().statusCode(204);
        List<Object[]> events = Tables.rows(database,
                "SELECT event_type, actor, outcome FROM audit_event WHERE details LIKE '%\"" + name + "\"%' ORDER BY id");
        assertThat(events).extracting(row -> row[0])
                .containsExactly("service.created", "service.key-rotated", "service.deleted");
        assertThat(events).allSatisfy(row -> {
            assertThat(row[1]).isEqualTo("admin:bootstrap");
            assertThat(row[2]).isEqualTo("success");
        });
    }

    static final String PIN_A = "sha256/B8LGeVPxgAxmi+XvOVymeoRu0IT/oxZ6wvY8lJnhpKw=";
    static final String PIN_A_HEX = "07c2c67953f1800c668be5ef395ca67a846ed084ffa3167ac2f63c9499e1a4ac";
    static final String PIN_B = "sha256/q6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6s=";
    static final String PIN_B_HEX = "ab".repeat(32);

    @Test
    void certificatePinsAreSetAtCreationShownInOneFormChangedAndAudited() {
        String name = uniqueName("vpn");
        admin().body(Map.of("name", name, "scopes", List.of("mfa"), "certificatePins", List.of(PIN_A_HEX)))
                .post("/api/v1/admin/services")
                .then().statusCode(201).body("certificatePins", equalTo(List.of(PIN_A)));
        admin().get("/api/v1/admin/services").then().statusCode(200)
                .body("find { it.name == '" + name + "' }.certificatePins", equalTo(List.of(PIN_A)));

        admin().body(Map.of("pins", List.of(PIN_A, PIN_B_HEX)))
                .put("/api/v1/admin/services/" + name + "/certificate-pins")
                .then().statusCode(200).body("name", equalTo(name))
                .body("certificatePins", equalTo(List.of(PIN_A, PIN_B)));
        admin().body(Map.of("pins", List.of())).put("/api/v1/admin/services/" + name + "/certificate-pins")
                .then().statusCode(200).body("certificatePins", equalTo(List.of()));
        String unpinned = uniqueName("git");
        createService(unpinned, "events");
        admin().get("/api/v1/admin/services").then()
                .body("find { it.name == '" + unpinned + "' }.certificatePins", equalTo(List.of()));

        String events = admin().get("/api/v1/audit/events?format=jsonl&type=service.certificate-pins-changed")
                .then().statusCode(200).extract().asString();
        assertThat(events.lines().filter(line -> line.contains("\"" + name + "\"")).toList()).satisfiesExactly(
                set -> assertThat(set).contains("\"certificatePins\":[\"" + PIN_A + "\",\"" + PIN_B + "\"]")
                        .contains("\"previous\":[\"" + PIN_A + "\"]").contains("\"actor\":\"admin:bootstrap\""),
                cleared -> assertThat(cleared).contains("\"certificatePins\":[]"));
        assertThat(admin().get("/api/v1/audit/events?format=jsonl&type=service.created").asString())
                .contains("\"certificatePins\":[\"" + PIN_A + "\"]");
    }

    /** Certificates not required (this profile: plain HTTP): a pin makes one required for that service's key. */
    @Test
    void aPinnedKeyWithoutAnyClientCertificateIsRefusedAndUnpinningTakesEffectAtOnce() {
        String name = uniqueName("vpn");
        String key = admin().body(Map.of("name", name, "scopes", List.of("mfa"), "certificatePins", List.of(PIN_A)))
                .post("/api/v1/admin/services").then().statusCode(201).extract().path("apiKey");
        for (int i = 0; i < 2; i++) {
            as(key).body(Map.of("subject", uniqueName("amy"))).post("/api/v1/decisions/login")
                    .then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", containsString("Bearer"))
                    .body("detail", containsString("bound to a client certificate"));
        }
        String refused = admin().get("/api/v1/audit/events?format=jsonl&type=service.certificate-mismatch")
                .then().statusCode(200).extract().asString();
        assertThat(refused.lines().filter(line -> line.contains("\"service\":\"" + name + "\"")).toList())
                .singleElement().satisfies(line -> assertThat(line).contains("\"presentedPin\":\"none\"")
                        .contains("\"outcome\":\"failure\"").doesNotContain(key));

        admin().body(Map.of("pins", List.of())).put("/api/v1/admin/services/" + name + "/certificate-pins")
                .then().statusCode(200);
        as(key).body(Map.of("subject", uniqueName("amy"))).post("/api/v1/decisions/login").then().statusCode(200);
        admin().body(Map.of("pins", List.of(PIN_B))).put("/api/v1/admin/services/" + name + "/certificate-pins")
                .then().statusCode(200);
        as(key).body(Map.of("subject", uniqueName("amy"))).post("/api/v1/decisions/login").then().statusCode(401);
    }

    @Test
    void malformedPinsGet400NamingTheField() {
        admin().body(Map.of("name", uniqueName("svc"), "scopes", List.of("mfa"),
                "certificatePins", List.of(PIN_A, "sha256/too-short"))).post("/api/v1/admin/services")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("certificatePins[1]"))
                .body("detail", containsString("SHA-256"));
        admin().body(Map.of("name", uniqueName("svc"), "scopes", List.of("mfa"),
                "certificatePins", List.of(PIN_A, PIN_B, PIN_A_HEX))).post("/api/v1/admin/services")
                .then().statusCode(400).body("errors[0].field", equalTo("certificatePins"));
        admin().body(Map.of("name", uniqueName("svc"), "scopes", List.of("mfa"), "certificatePins", "deadbeef"))
                .post("/api/v1/admin/services").then().statusCode(400).contentType("application/problem+json");
        String name = uniqueName("svc");
        createService(name, "mfa");
        String pins = "/api/v1/admin/services/" + name + "/certificate-pins";
        admin().body(Map.of("pins", List.of("12:34:56"))).put(pins).then().statusCode(400)
                .body("errors[0].field", equalTo("pins[0]"));
        admin().body(Map.of("pins", List.of(PIN_A, PIN_A_HEX))).put(pins).then().statusCode(400)
                .body("errors[0].field", equalTo("pins[1]")).body("detail", containsString("repeats"));
        admin().body(Map.of()).put(pins).then().statusCode(400).body("errors[0].field", equalTo("pins"));
        admin().put(pins).then().statusCode(400).contentType("application/problem+json");
        admin().body(Map.of("pins", List.of(PIN_A))).put("/api/v1/admin/services/nope-" + name + "/certificate-pins")
                .then().statusCode(404).contentType("application/problem+json");
        as(createService(uniqueName("svc"), "mfa", "events")).body(Map.of("pins", List.of())).put(pins)
                .then().statusCode(403);
        admin().get("/api/v1/admin/services").then()
                .body("find { it.name == '" + name + "' }.certificatePins", equalTo(List.of()));
    }

    @Test
    void invalidRequestsGetProblemsNamingTheField() {
        admin().body(Map.of("name", "Bad Name!", "scopes", List.of("mfa"))).post("/api/v1/admin/services")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("name"));
        admin().body(Map.of("name", uniqueName("svc"), "scopes", List.of("mfa", "root")))
                .post("/api/v1/admin/services")
                .then().statusCode(400).body("errors[0].field", equalTo("scopes[1]"))
                .body("detail", containsString("mfa, enrol, credentials, events"));
        admin().body(Map.of("name", uniqueName("svc"), "scopes", List.of()))
                .post("/api/v1/admin/services")
                .then().statusCode(400).body("errors[0].field", equalTo("scopes"));
        admin().body(Map.of("name", uniqueName("svc"))).post("/api/v1/admin/services")
                .then().statusCode(400).body("errors[0].field", equalTo("scopes"));
        admin().post("/api/v1/admin/services").then().statusCode(400).contentType("application/problem+json");
        admin().post("/api/v1/admin/services/nope/rotate-key").then().statusCode(404)
                .body("detail", containsString("nope"));
    }
}
