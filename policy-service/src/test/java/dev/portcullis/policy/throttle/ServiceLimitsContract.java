package dev.portcullis.policy.throttle;

import static dev.portcullis.policy.support.Api.admin;
import static dev.portcullis.policy.support.Api.as;
import static dev.portcullis.policy.support.Api.createService;
import static dev.portcullis.policy.support.Api.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;

import dev.portcullis.policy.support.EmbeddedPostgresResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A compromised service floods what no guesser needs: login decisions and event reports. Each service has
 * its own limits (low here: 5 decisions and 4 event reports an hour, 4 KiB of events a day), so the
 * flood gets 429 and nothing of a refused report is recorded, while another service is untouched.
 */
abstract class ServiceLimitsContract {

    static final Map<String, String> LIMITS = Map.of("portcullis.throttle.decisions-per-service", "5/1H",
            "portcullis.throttle.event-batches-per-service", "4/1H",
            "portcullis.throttle.event-bytes-per-service-daily", "4K");

    public static class H2 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return LIMITS;
        }
    }

    public static class Postgres implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return LIMITS;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(EmbeddedPostgresResource.class));
        }
    }

    @Test
    void aServiceFloodingDecisionsGets429AndAnotherDoesNot() {
        String vpn = createService(uniqueName("vpn"), "mfa");
        String keycloak = createService(uniqueName("kc"), "mfa", "idp");
        for (int i = 0; i < 5; i++) {
            as(vpn).body(Map.of("subject", uniqueName("p"))).post("/api/v1/decisions/login").then().statusCode(200);
        }
        as(vpn).body(Map.of("subject", uniqueName("p"))).post("/api/v1/decisions/login").then().statusCode(429)
                .contentType("application/problem+json").header("Retry-After", matchesPattern("\\d+"))
                .body("detail", containsString("this service's 5 decisions per 1h"));
        as(keycloak).body(Map.of("subject", uniqueName("p"))).post("/api/v1/decisions/login").then().statusCode(200);
    }

    @Test
    void eventReportsHaveLimitsPerServiceInRequestsAndInBytesADay() {
        String chatty = createService(uniqueName("wiki"), "events");
        for (int i = 0; i < 4; i++) {
            as(chatty).body(List.of(event(uniqueName("kim"), "x"))).post("/api/v1/events").then().statusCode(200);
        }
        as(chatty).body(List.of(event(uniqueName("kim"), "x"))).post("/api/v1/events").then().statusCode(429)
                .body("detail", containsString("this service's 4 event-batches per 1h"));

        String bulky = createService(uniqueName("vpn"), "events");
        String subject = uniqueName("lee");
        as(bulky).body(batch(subject)).post("/api/v1/events").then().statusCode(200);
        as(bulky).body(batch(subject)).post("/api/v1/events").then().statusCode(200);
        as(bulky).body(batch(subject)).post("/api/v1/events").then().statusCode(429)
                .contentType("application/problem+json")
                .body("detail", containsString("this service's 4096 bytes of events per 24h"));
        String recorded = admin().get("/api/v1/audit/events?format=jsonl&subject=" + subject).then().statusCode(200)
                .extract().asString();
        assertThat(recorded.lines()).as("two reports of four events; nothing of the refused one").hasSize(8);
    }

    /** Four events of about 400 bytes: some 1.6 KiB. */
    static List<Map<String, Object>> batch(String subject) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            events.add(event(subject, "n".repeat(300)));
        }
        return events;
    }

    static Map<String, Object> event(String subject, String note) {
        return Map.of("time", Instant.now().toString(), "type", "LOGIN", "subject", subject, "outcome", "success",
                "ip", "192.0.2.10", "details", Map.of("note", note));
    }
}
