package dev.portcullis.policy.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With a metrics token, the figures go only to whoever holds it (Prometheus); health stays open for probes. */
@QuarkusTest
@TestProfile(MetricsTokenTest.Profile.class)
class MetricsTokenTest {

    static final String TOKEN = "metrics-token-0123456789abcdef";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("portcullis.metrics.token", TOKEN);
        }
    }

    @Test
    void withoutTheTokenMetricsAreRefusedWithAProblem() {
        given().get("/q/metrics").then().statusCode(401)
                .contentType("application/problem+json")
                .body("detail", containsString("metrics token"));
        given().header("Authorization", "Bearer " + TOKEN + "x").get("/q/metrics").then().statusCode(401);
        given().header("Authorization", "Bearer pcs_" + "A".repeat(43)).get("/q/metrics").then().statusCode(401);
        given().get("/q/metrics/").then().statusCode(401);
    }

    @Test
    void withTheTokenPrometheusReadsThem() {
        given().header("Authorization", "Bearer " + TOKEN).get("/q/metrics").then().statusCode(200)
                .body(containsString("portcullis_argon2id_evaluations_total"));
    }

    @Test
    void healthStaysOpenForProbes() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
