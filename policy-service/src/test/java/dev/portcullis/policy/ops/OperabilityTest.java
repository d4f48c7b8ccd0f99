package dev.portcullis.policy.ops;

import static dev.portcullis.policy.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** What operators and their tools read: health, metrics, the API description. */
@QuarkusTest
class OperabilityTest {

    @Test
    void readinessIncludesTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void prometheusMetricsCountRefusedTokens() {
        as("pcs_" + "B".repeat(43)).get("/api/v1/admin/services").then().statusCode(401);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("portcullis_auth_failures_total"))
                .body(containsString("http_server_requests_seconds_count"));
    }

    @Test
    void theApiIsDescribed() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/v1/admin/services"))
                .body(containsString("/api/v1/decisions/login"))
                .body(containsString("/api/v1/subjects/{subject}/totp/verify"));
    }
}
