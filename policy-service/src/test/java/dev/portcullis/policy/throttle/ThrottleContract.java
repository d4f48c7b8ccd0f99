package dev.portcullis.policy.throttle;

import static dev.portcullis.policy.support.Api.admin;
import static dev.portcullis.policy.support.Api.as;
import static dev.portcullis.policy.support.Api.createService;
import static dev.portcullis.policy.support.Api.uniqueName;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.portcullis.policy.support.Mfa;
import io.restassured.RestAssured;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A service key that guesses: twenty password checks for one person, or thirty codes, and then 429
 * with Retry-After, one audit event, and the Prometheus counter; others are untouched.
 */
abstract class ThrottleContract {

    String target;

    /** A check of {@code guess} for {@code subject} against the fingerprints of the service {@link #target}. */
    Map<String, Object> check(String subject, String guess) {
        return Map.of("subject", subject, "service", target, "password", guess);
    }

    @Test
    void aServiceGuessingOnePersonsPasswordGets429AfterTwentyChecks() {
        target = uniqueName("vpn");
        String vpn = createService(target, "credentials");
        String alice = uniqueName("alice");
        for (int i = 0; i < 20; i++) {
            as(vpn).body(check(alice, "Guess-Number-" + i + "-Lantern")).post("/api/v1/credentials/check")
                    .then().statusCode(200);
        }
        as(vpn).body(check(alice, "Guess-Number-20-Lantern")).post("/api/v1/credentials/check").then()
                .statusCode(429).contentType("application/problem+json")
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("\\d+"))
                .body("detail", containsString("Too many credential-check requests"));
        as(vpn).body(check(alice, "Guess-Number-21-Lantern")).post("/api/v1/credentials/check").then().statusCode(429);
        // someone else, and another service, are untouched
        as(vpn).body(check(uniqueName("bob"), "Guess-Number-0-Lantern")).post("/api/v1/credentials/check").then()
                .statusCode(200);
        String keycloak = createService(uniqueName("kc"), "credentials");
        as(keycloak).body(check(alice, "Guess-Number-0-Lantern")).post("/api/v1/credentials/check").then()
                .statusCode(200);

        String events = admin().get("/api/v1/audit/events?format=jsonl&type=service.throttled&subject=" + alice)
                .then().statusCode(200).extract().asString();
        org.assertj.core.api.Assertions.assertThat(events.lines()).as("one event per episode").hasSize(1);
        org.assertj.core.api.Assertions.assertThat(events).contains("credential-check").contains("\"outcome\":\"failure\"");
        RestAssured.given().get("/q/metrics").then().statusCode(200)
                .body(containsString("portcullis_throttled_total{kind=\"credential-check\",scope=\"person\"}"));
    }

    @Test
    void aServiceTryingCodesForOnePersonGets429AfterThirty() {
        String idp = createService(uniqueName("idp"), "mfa", "enrol");
        String subject = uniqueName("dora");
        Mfa.decide(idp, subject, List.of(), List.of(), List.of()).then().statusCode(200);
        Mfa.Enrolled enrolled = Mfa.enrol(idp, subject);
        admin().post("/api/v1/admin/subjects/" + subject + "/unlock").then().statusCode(204);
        int answered = 0;
        for (int i = 0; i < 40; i++) {
            int status = as(idp).body(Map.of("code", "000000")).post("/api/v1/subjects/" + subject
                    + "/recovery-codes/verify").then().extract().statusCode();
            if (status == 429) {
                break;
            }
            answered++;
        }
        // the enrolment's confirmation was the first of the thirty
        org.assertj.core.api.Assertions.assertThat(answered).isEqualTo(29);
        as(idp).body(Map.of("code", dev.portcullis.policy.support.ReferenceTotp.code(enrolled.secret(),
                enrolled.step() + 1))).post("/api/v1/subjects/" + subject + "/totp/verify").then().statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        as(idp).get("/api/v1/subjects/" + subject + "/mfa").then().statusCode(200).body("subject", equalTo(subject));
    }
}
