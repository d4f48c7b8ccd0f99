package dev.portcullis.policy.passes;

import static dev.portcullis.policy.support.Api.admin;
import static dev.portcullis.policy.support.Api.as;
import static dev.portcullis.policy.support.Api.createService;
import static dev.portcullis.policy.support.Api.uniqueName;
import static dev.portcullis.policy.support.Mfa.decide;
import static dev.portcullis.policy.support.Mfa.enrol;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import dev.portcullis.policy.audit.AuditChainer;
import dev.portcullis.policy.persistence.Database;
import dev.portcullis.policy.support.Tables;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Access passes and what binding a factor takes, as a helpdesk, Keycloak and an attacker with a
 * phished password meet them, on each database.
 */
public abstract class AccessPassApiContract {

    static final String PASS_SHAPE = "[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}";

    @Inject
    Database database;

    @Inject
    AuditChainer chainer;

    @Inject
    AccessPasses passes;

    String idp;
    String subject;

    @BeforeEach
    void setUp() {
        idp = createService(uniqueName("idp"), "mfa", "enrol", "idp");
        subject = uniqueName("una");
        decide(idp, subject, List.of(), List.of(), List.of()).then().statusCode(200);
    }

    @Test
    void aResetNeverLetsThePasswordAloneBindTheNextAuthenticatorButAPassDoesOnce() {
        enrol(idp, subject);
        admin().delete("/api/v1/admin/subjects/" + subject + "/totp").then().statusCode(204);
        // the phone call worked and the password is phished: the next sign-in binds nothing
        decide(idp, subject, List.of(), List.of(), List.of()).then().body("bindWith.totp", equalTo("pass"))
                .body("bindWith.webauthn", equalTo("pass"));
        as(idp).post("/api/v1/subjects/" + subject + "/totp/enrolment").then().statusCode(403)
                .body("detail", containsString("access pass"));
        String pass = issue(subject, Map.of()).path("pass");
        redeem(idp, subject, "AAAA-BBBB-CCCC-DDDD").then().statusCode(200).body("valid", equalTo(false));
        redeem(idp, subject, pass.toLowerCase().replace("-", " ")).then().statusCode(200)
                .body("valid", equalTo(true)).body("bindUntil", org.hamcrest.Matchers.notNullValue());
        enrol(idp, subject);
        // a single-use pass binds one factor, once
        redeem(idp, subject, pass).then().body("valid", equalTo(false));
        assertThat(auditTypes()).contains("mfa.pass.issued", "mfa.pass.used");
        assertThat(Tables.count(database, "SELECT COUNT(*) FROM audit_event WHERE subject = '" + subject
                + "' AND event_type = 'mfa.pass.used' AND outcome = 'failure'")).isEqualTo(2);
    }

    @Test
    void aPassIsShownOnceAndKeptOnlyAsAKeyedHash() {
        Response issued = issue(subject, Map.of("lifetimeMinutes", 30));
        String pass = issued.path("pass");
        assertThat(pass).matches(PASS_SHAPE);
        Instant expiresAt = Instant.parse(issued.path("expiresAt"));
        assertThat(Duration.between(Instant.now(), expiresAt)).isBetween(Duration.ofMinutes(29), Duration.ofMinutes(31));
        admin().get("/api/v1/admin/subjects/" + subject + "/access-passes").then().statusCode(200)
                .body("[0].status", equalTo("active")).body("[0].singleUse", equalTo(true))
                .body("[0]", not(hasKey("pass"))).body("[0].issuedBy", equalTo("admin:bootstrap"));
        String stored = Tables.rows(database, "SELECT pass_hash FROM access_pass WHERE subject = '" + subject + "'")
                .get(0)[0].toString();
        assertThat(stored).hasSize(64).doesNotContain(pass).doesNotContain(pass.replace("-", ""));
        String audited = Tables.rows(database, "SELECT details FROM audit_event WHERE subject = '" + subject
                + "' AND event_type = 'mfa.pass.issued'").toString();
        assertThat(auditTypes()).contains("mfa.pass.issued");
        assertThat(audited).doesNotContain(pass).doesNotContain(pass.replace("-", ""));
    }

    @Test
    void aLifetimeOutsideTenMinutesToADayIsRefusedAndNothingIsIssued() {
        for (int minutes : List.of(9, 1441, -5)) {
            admin().body(Map.of("lifetimeMinutes", minutes)).post("/api/v1/admin/subjects/" + subject + "/access-passes")
                    .then().statusCode(400).body("errors[0].field", containsString("lifetimeMinutes"));
        }
        assertThat(Tables.count(database, "SELECT COUNT(*) FROM access_pass WHERE subject = '" + subject + "'"))
                .isZero();
        issue(subject, Map.of("lifetimeMinutes", 1440, "singleUse", false));
    }

    @Test
    void aRevokedPassOpensNothingAndRevokingTwiceSaysWhy() {
        Response issued = issue(subject, Map.of());
        String id = issued.path("id");
        admin().delete("/api/v1/admin/subjects/" + subject + "/access-passes/" + id).then().statusCode(204);
        redeem(idp, subject, issued.path("pass")).then().body("valid", equalTo(false));
        admin().delete("/api/v1/admin/subjects/" + subject + "/access-passes/" + id).then().statusCode(409)
                .body("detail", containsString("revoked"));
        admin().delete("/api/v1/admin/subjects/" + subject + "/access-passes/no-such-pass").then().statusCode(404);
        admin().delete("/api/v1/admin/subjects/someone-else/access-passes/" + id).then().statusCode(404);
        assertThat(auditTypes()).contains("mfa.pass.revoked");
    }

    @Test
    void aPassOfSomeoneElseOrPastItsTimeOpensNothingAndItsExpiryIsAuditedOnce() {
        String other = uniqueName("mallory");
        String othersPass = issue(other, Map.of()).path("pass");
        redeem(idp, subject, othersPass).then().body("valid", equalTo(false));
        Response issued = issue(subject, Map.of());
        Tables.update(database, "UPDATE access_pass SET expires_at = ? WHERE id = ?",
                java.sql.Timestamp.from(Instant.now().minusSeconds(5)), issued.path("id"));
        redeem(idp, subject, issued.path("pass")).then().body("valid", equalTo(false));
        passes.auditExpiries();
        passes.auditExpiries();
        chainer.chainAll();
        assertThat(auditTypes().stream().filter("mfa.pass.expired"::equals)).hasSize(1);
        admin().get("/api/v1/admin/subjects/" + subject + "/access-passes").then().body("[0].status", equalTo("expired"));
    }

    @Test
    void onlyAServiceThatBindsFactorsTakesAPassAndOnlyAnAdminIssuesOne() {
        String vpn = createService(uniqueName("vpn"), "mfa", "credentials");
        String pass = issue(subject, Map.of()).path("pass");
        redeem(vpn, subject, pass).then().statusCode(403);
        as(vpn).body(Map.of()).post("/api/v1/admin/subjects/" + subject + "/access-passes").then().statusCode(403);
        as(idp).body(Map.of()).post("/api/v1/admin/subjects/" + subject + "/access-passes").then().statusCode(403);
        as("not-a-key").body(Map.of()).post("/api/v1/admin/subjects/" + subject + "/access-passes").then()
                .statusCode(401);
        redeem(idp, subject, "").then().statusCode(400).body("errors[0].field", equalTo("pass"));
        redeem(idp, subject, "x".repeat(10_000)).then().statusCode(400);
        redeem(idp, subject, pass).then().body("valid", equalTo(true));
    }

    @Test
    void aSingleUsePassAskedForTwiceAtOnceWorksOnce() throws Exception {
        String pass = issue(subject, Map.of()).path("pass");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> tries = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                tries.add(() -> redeem(idp, subject, pass).then().statusCode(200).extract().<Boolean>path("valid"));
            }
            long valid = 0;
            for (Future<Boolean> result : pool.invokeAll(tries)) {
                valid += result.get() ? 1 : 0;
            }
            assertThat(valid).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void wherePoliciesDemandAPassNeitherANewcomerNorSomeoneWithACodeBindsWithoutOne() {
        String group = uniqueName("treasury");
        admin().body(policy(group, "pass")).put("/api/v1/admin/policies/" + group).then().statusCode(201);
        try {
            String newcomer = uniqueName("tom");
            decide(idp, newcomer, List.of("/" + group), List.of(), List.of()).then().body("action", equalTo("ENROL"))
                    .body("bindWith.webauthn", equalTo("pass")).body("bindWith.totp", equalTo("password"));
            // the same person, at any application: a key bound anywhere would serve the treasury
            decide(idp, newcomer, List.of("/" + group), List.of(), List.of()).then()
                    .body("bindWith.webauthn", equalTo("pass"));
            // a subgroup's facts do not matter here; a person with a key is still asked for a pass
            decide(idp, uniqueName("tara"), List.of("/" + group), List.of(), List.of("webauthn")).then()
                    .body("action", equalTo("VERIFY")).body("bindWith.webauthn", equalTo("pass"));
            // everyone else: the password binds a first factor, an existing factor binds the next
            decide(idp, uniqueName("ed"), List.of("/elsewhere"), List.of(), List.of()).then()
                    .body("bindWith.webauthn", equalTo("password")).body("bindWith.totp", equalTo("password"));
            decide(idp, uniqueName("ed"), List.of("/elsewhere"), List.of(), List.of("webauthn")).then()
                    .body("bindWith.webauthn", equalTo("factor"));
            // the console's people bind only with a pass, whatever the stored policies say
            decide(idp, uniqueName("carol"), List.of(), List.of("policy-admin"), List.of()).then()
                    .body("bindWith.totp", equalTo("pass")).body("bindWith.webauthn", equalTo("pass"));
        } finally {
            admin().delete("/api/v1/admin/policies/" + group).then().statusCode(204);
        }
    }

    @Test
    void theConsoleRolesPolicyCannotBeLoweredToBindingByPassword() {
        String current = admin().get("/api/v1/admin/policies/console-roles").then().statusCode(200)
                .body("mfa.binding", equalTo("pass")).extract().asString();
        admin().body(current.replace("\"binding\":\"pass\"", "\"binding\":\"password\""))
                .put("/api/v1/admin/policies/console-roles").then().statusCode(422)
                .body("errors.field", org.hamcrest.Matchers.hasItem("mfa.binding"));
        admin().body(current.replace("\"binding\":\"pass\"", "\"binding\":\"sometimes\""))
                .put("/api/v1/admin/policies/console-roles").then().statusCode(400);
    }

    static String policy(String group, String binding) {
        return "{\"appliesTo\":{\"groups\":[\"" + group + "\"]},\"mfa\":{\"required\":true,\"methods\":[\"webauthn\"],"
                + "\"enrolmentGraceDays\":0,\"binding\":\"" + binding + "\"},\"passwords\":{\"reuse\":\"block\","
                + "\"variantReuse\":\"warn\",\"breached\":\"block\",\"minLength\":8}}";
    }

    static Response issue(String subject, Map<String, Object> body) {
        Response issued = admin().body(body).post("/api/v1/admin/subjects/" + subject + "/access-passes");
        issued.then().statusCode(201).body("pass", org.hamcrest.Matchers.matchesPattern(PASS_SHAPE));
        return issued;
    }

    static Response redeem(String key, String subject, String pass) {
        return as(key).body(Map.of("pass", pass)).post("/api/v1/subjects/" + subject + "/access-pass/verify");
    }

    private List<String> auditTypes() {
        chainer.chainAll();
        return Tables.rows(database, "SELECT event_type, subject FROM audit_event WHERE subject = '" + subject + "'")
                .stream().map(r -> (String) r[0]).toList();
    }
}
