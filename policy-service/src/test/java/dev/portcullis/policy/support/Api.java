package dev.portcullis.policy.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Small helpers over REST Assured for the API tests. */
public final class Api {

    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";

    private Api() {
    }

    public static RequestSpecification admin() {
        return as(ADMIN_TOKEN);
    }

    public static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a service and returns its API key. */
    public static String createService(String name, String... scopes) {
        return admin().body(Map.of("name", name, "scopes", List.of(scopes)))
                .post("/api/v1/admin/services")
                .then().statusCode(201)
                .extract().path("apiKey");
    }

    /**
     * Makes {@code subject} known, as the identity provider does at their first sign-in (a login decision
     * through a key with scope idp): other services register passwords only for people known so.
     */
    public static String signedInOnce(String subject) {
        as(createService(uniqueName("idp"), "mfa", "idp")).body(Map.of("subject", subject)).post("/api/v1/decisions/login").then().statusCode(200);
        return subject;
    }

    /** Claims every notice waiting, as the identity provider's {@code key} does, and keeps {@code subject}'s. */
    public static List<Map<String, Object>> claimNotices(String key, String subject) {
        List<Map<String, Object>> claimed = new java.util.ArrayList<>();
        List<Map<String, Object>> batch;
        do {
            batch = io.restassured.path.json.JsonPath.from(as(key).post("/api/v1/notifications/claim?max=100")
                    .then().statusCode(200).extract().asString()).getList("$");
            claimed.addAll(batch);
        } while (batch.size() == 100);
        return claimed.stream().filter(notice -> subject.equals(notice.get("subject"))).toList();
    }

    public static List<Map<String, Object>> event(String type, String subject) {
        return List.of(Map.of("time", "2026-11-24T10:00:00Z", "type", type, "subject", subject,
                "outcome", "success", "ip", "192.0.2.10", "details", Map.of("client", "account-console")));
    }
}
