package dev.portcullis.policy.throttle;

import static dev.portcullis.policy.support.Api.admin;
import static dev.portcullis.policy.support.Api.as;
import static dev.portcullis.policy.support.Api.createService;
import static dev.portcullis.policy.support.Api.signedInOnce;
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

    /** A check of {@code guess} for {@code subject} by {@code service} (against the other services' fingerprints). */
    static Map<String, Object> check(String service, String subject, String guess) {
        return Map.of("subject", subject, "service", service, "password", guess);
    }

    /**
     * A VPN's key (no idp) guessing a person's password: ten checks a day for every such service together,
     * whatever their number, then 429; the identity provider has its own twenty an hour.
     */
    @Test
    void servicesGuessingOnePersonsPasswordShareTenChecksADay() {
        String vpnName = uniqueName("vpn");
        String vpn = createService(vpnName, "credentials");
        String gitName = uniqueName("git");
        String git = createService(gitName, "credentials");
        String alice = signedInOnce(uniqueName("alice"));
        for (int i = 0; i < 10; i++) {
            as(i % 2 == 0 ? vpn : git).body(check(i % 2 == 0 ? vpnName : gitName, alice, "Guess-Number-" + i
                    + "-Lantern")).post("/api/v1/credentials/check").then().statusCode(200);
        }
        as(vpn).body(check(vpnName, alice, "Guess-Number-10-Lantern")).post("/api/v1/credentials/check").then()
                .statusCode(429).contentType("application/problem+json")
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("\\d+"))
                .body("detail", containsString("10 password checks per person every 24h by all services but the"
                        + " identity provider"));
        as(git).body(check(gitName, alice, "Guess-Number-11-Lantern")).post("/api/v1/credentials/check").then()
                .statusCode(429);
        // a registration tests a guess too (the login decision then says whether it is in use elsewhere)
        as(git).body(Map.of("password", "Guess-Number-12-Lantern"))
                .put("/api/v1/credentials/" + alice + "/" + gitName).then().statusCode(429);
        // someone else is untouched
        as(vpn).body(check(vpnName, signedInOnce(uniqueName("bob")), "Guess-Number-0-Lantern"))
                .post("/api/v1/credentials/check").then().statusCode(200);
        // the identity provider has its own limit: twenty an hour per person
        String idpName = uniqueName("kc");
        String idp = createService(idpName, "credentials", "idp");
        for (int i = 0; i < 20; i++) {
            as(idp).body(check(idpName, alice, "Guess-Number-" + i + "-Lantern")).post("/api/v1/credentials/check")
                    .then().statusCode(200);
        }
        as(idp).body(check(idpName, alice, "Guess-Number-20-Lantern")).post("/api/v1/credentials/check").then()
                .statusCode(429).body("detail", containsString("Too many credential-check requests"));

        String events = admin().get("/api/v1/audit/events?format=jsonl&type=service.throttled&subject=" + alice)
                .then().statusCode(200).extract().asString();
        org.assertj.core.api.Assertions.assertThat(events.lines()).as("one event per episode and bucket").hasSize(2);
        org.assertj.core.api.Assertions.assertThat(events).contains("password-guess").contains("credential-check")
                .contains("\"outcome\":\"failure\"");
        RestAssured.given().get("/q/metrics").then().statusCode(200)
                .body(containsString("portcullis_throttled_total{kind=\"password-guess\",scope=\"person\"}"))
                .body(containsString("portcullis_throttled_total{kind=\"credential-check\",scope=\"person\"}"));
    }

    @Test
    void aServiceTryingCodesForOnePersonGets429AfterThirty() {
        String idp = createService(uniqueName("idp"), "mfa", "enrol", "idp");
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
