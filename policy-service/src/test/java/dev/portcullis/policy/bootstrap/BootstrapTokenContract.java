package dev.portcullis.policy.bootstrap;

import static dev.portcullis.policy.support.Api.admin;
import static dev.portcullis.policy.support.Api.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.portcullis.policy.persistence.Database;
import dev.portcullis.policy.support.Api;
import dev.portcullis.policy.support.People;
import dev.portcullis.policy.support.Tables;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bootstrap admin token's lifecycle, on each database: every use audited, switched off by an OIDC
 * admin (never by itself) for the very next request, and the status that says who did it. The test
 * profile sets the token for every test: each test here leaves it switched on again.
 */
public abstract class BootstrapTokenContract {

    static final String STATUS = "/api/v1/admin/bootstrap-token";
    static final String DISABLE = "/api/v1/admin/bootstrap-token/disable";

    @Inject
    Database database;

    @BeforeEach
    @AfterEach
    void switchTheTokenBackOn() {
        Tables.update(database, "UPDATE bootstrap_token SET disabled_at = NULL, disabled_by = NULL WHERE id = 1");
    }

    /** A person's bearer token on the API (as JSON: REST Assured would otherwise send an empty form). */
    static RequestSpecification person(String token) {
        return People.as(token).contentType(ContentType.JSON);
    }

    @Test
    void everyUseOfTheTokenLeavesAnAuditEventWithMethodAndPathButNeverTheToken() {
        String marker = uniqueName("no-such-policy");
        admin().get("/api/v1/admin/policies/" + marker).then().statusCode(404);
        admin().delete("/api/v1/admin/policies/" + marker).then().statusCode(404);
        List<Object[]> events = Tables.rows(database, "SELECT event_type, actor, outcome, details FROM audit_event"
                + " WHERE details LIKE '%" + marker + "%' ORDER BY id");
        assertThat(events).extracting(row -> row[0] + " " + row[1] + " " + row[2]).containsExactly(
                "admin.bootstrap-token.used admin:bootstrap success",
                "admin.bootstrap-token.used admin:bootstrap success");
        assertThat(events.get(0)[3].toString()).contains("\"method\":\"GET\"")
                .contains("\"path\":\"/api/v1/admin/policies/" + marker + "\"");
        assertThat(events.get(1)[3].toString()).contains("\"method\":\"DELETE\"");
        assertThat(Tables.rows(database, "SELECT * FROM audit_event")).allSatisfy(row -> assertThat(
                Arrays.toString(row)).doesNotContain(Api.ADMIN_TOKEN));
        People.as(People.admin()).get(STATUS).then().statusCode(200)
                .body("state", equalTo("enabled")).body("configured", equalTo(true))
                .body("lastUsedAt", notNullValue()).body("disabledAt", nullValue());
    }

    @Test
    void theTokenCannotSwitchItselfOff() {
        String refusals = "SELECT COUNT(*) FROM audit_event WHERE event_type = 'admin.bootstrap-token.disabled'"
                + " AND actor = 'admin:bootstrap' AND outcome = 'failure'";
        long before = Tables.count(database, refusals);
        admin().post(DISABLE).then().statusCode(403).contentType("application/problem+json")
                .body("detail", allOf(containsString("cannot switch itself off"), containsString("OIDC admin")));
        admin().get(STATUS).then().statusCode(200).body("state", equalTo("enabled"));
        assertThat(Tables.count(database, refusals)).isEqualTo(before + 1);
    }

    @Test
    void anOidcAdminSwitchesItOffForTheNextRequestAndTheStatusSaysWhoAndWhen() {
        admin().get("/api/v1/admin/services").then().statusCode(200);
        Instant before = Instant.now().minusSeconds(1);
        String carol = People.admin();
        person(carol).post(DISABLE).then().statusCode(200)
                .body("state", equalTo("disabled")).body("disabledBy", equalTo("person:carol"));

        admin().get("/api/v1/admin/services").then().statusCode(401).contentType("application/problem+json")
                .body("detail", allOf(containsString("switched off at"), containsString("by person:carol"),
                        containsString("OIDC admin")));
        String disabledAt = People.as(carol).get(STATUS).then().statusCode(200)
                .body("state", equalTo("disabled")).body("disabledBy", equalTo("person:carol"))
                .body("configured", equalTo(true)).body("lastUsedAt", notNullValue())
                .extract().path("disabledAt");
        assertThat(Instant.parse(disabledAt)).isAfter(before).isBefore(Instant.now().plusSeconds(1));
        person(carol).post(DISABLE).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("by person:carol"));
        person(People.auditor()).post(DISABLE).then().statusCode(403);

        assertThat(Tables.rows(database, "SELECT event_type, actor, outcome, details FROM audit_event WHERE"
                + " event_type LIKE 'admin.bootstrap-token.%' ORDER BY id DESC").subList(0, 2))
                .extracting(row -> row[0] + " " + row[1] + " " + row[2]).containsExactly(
                        "admin.bootstrap-token.used admin:bootstrap failure",
                        "admin.bootstrap-token.disabled person:carol success");
    }
}
