package dev.portcullis.policy.problem;

import static dev.portcullis.policy.support.Api.admin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed, mistyped, unknown and over-large requests: always a 4xx problem, never a 5xx or a trace. */
@QuarkusTest
class HostileInputTest {

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("truncated JSON", "{\"name\":\"vpn\",", 400, "Malformed JSON"),
                Arguments.of("not JSON at all", "<xml/>", 400, "Malformed JSON"),
                Arguments.of("scopes as a string", "{\"name\":\"vpn\",\"scopes\":\"mfa\"}", 400, "'scopes'"),
                Arguments.of("name as an object", "{\"name\":{},\"scopes\":[\"mfa\"]}", 400, "'name'"),
                Arguments.of("an array for an object", "[1,2,3]", 400, "wrong shape"),
                Arguments.of("a null body", "null", 400, "required"),
                Arguments.of("deeply nested", "[".repeat(5000) + "]".repeat(5000), 400, ""),
                Arguments.of("a lone surrogate", "{\"name\":\"\\ud800\",\"scopes\":[\"mfa\"]}", 400, "name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void badBodiesGetAClearProblem(String label, String body, int status, String detail) {
        Response response = admin().body(body).post("/api/v1/admin/services");
        response.then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("detail", containsString(detail));
        assertNoInternals(response.asString());
    }

    @Test
    void unknownPathsGet404Problems() {
        for (String path : new String[] {"/nope", "/api/v1/nope", "/api/v2/admin/services", "/q/nope"}) {
            Response response = given().get(path);
            response.then().statusCode(404).contentType("application/problem+json")
                    .body("detail", containsString(path));
            assertNoInternals(response.asString());
        }
    }

    @Test
    void wrongMethodAndMediaTypeGetProblems() {
        admin().patch("/api/v1/admin/services").then().statusCode(405).contentType("application/problem+json");
        admin().contentType("text/plain").body("name=vpn").post("/api/v1/admin/services")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void overLargeBodiesGet413AndStreamedBodiesOfUnknownLength411() {
        String big = "{\"name\":\"" + "a".repeat(70 * 1024) + "\",\"scopes\":[\"mfa\"]}";
        admin().body(big).post("/api/v1/admin/services")
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("64 KiB"));
        admin().body(new ByteArrayInputStream(big.getBytes())).post("/api/v1/admin/services")
                .then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void bodiesOfUnknownLengthGet411BeforeAnythingIsRead() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                        + "/api/v1/admin/services"))
                .header("Authorization", "Bearer " + dev.portcullis.policy.support.Api.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() ->
                        new ByteArrayInputStream("{\"name\":\"vpn\",\"scopes\":[\"mfa\"]}".getBytes())))
                .build();
        HttpResponse<String> response = client.send(chunked, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(411);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("Content-Length");
    }

    @Test
    void badQueryParametersGetProblems() {
        admin().queryParam("from", "yesterday").get("/api/v1/audit/verify")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        admin().queryParam("from", "2026-02-01T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z")
                .get("/api/v1/audit/verify").then().statusCode(400);
    }

    @Test
    void oversizedAndMalformedAuthorizationHeadersGet401() {
        given().header("Authorization", "Bearer " + "x".repeat(4000)).get("/api/v1/admin/services")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer").get("/api/v1/admin/services").then().statusCode(401);
        given().header("Authorization", "Bearer ").get("/api/v1/admin/services").then().statusCode(401);
    }

    static void assertNoInternals(String body) {
        assertThat(body).doesNotContain("Exception").doesNotContain("at dev.portcullis")
                .doesNotContain("com.fasterxml").doesNotContain("\tat ");
    }
}
