package dev.portcullis.policy.approvals;

import static dev.portcullis.policy.support.Api.admin;
import static dev.portcullis.policy.support.Api.as;
import static dev.portcullis.policy.support.Api.createService;
import static dev.portcullis.policy.support.Api.uniqueName;
import static dev.portcullis.policy.support.Mfa.decide;
import static dev.portcullis.policy.support.Mfa.enrol;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

import dev.portcullis.policy.audit.AuditChainer;
import dev.portcullis.policy.persistence.Database;
import dev.portcullis.policy.support.People;
import dev.portcullis.policy.support.Tables;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Four eyes: a helpdesk admin who was talked into it cannot alone reset the factor of, or issue a
 * pass for, someone whose account opens the console or the treasury. On each database.
 */
public abstract class FourEyesApiContract {

    static final List<String> ADMIN = List.of("policy-admin");

    @Inject
    Database database;

    @Inject
    AuditChainer chainer;

    @Inject
    FourEyes fourEyes;

    String idp;

    @BeforeEach
    void setUp() {
        idp = createService(uniqueName("idp"), "mfa", "enrol", "idp");
    }

    /** Someone under a pass policy enrols an authenticator: the bootstrap admin issues their pass. */
    void enrolWithPass(String subject) {
        String pass = admin().body(Map.of()).post("/api/v1/admin/subjects/" + subject + "/access-passes").then()
                .statusCode(201).extract().path("pass");
        as(idp).body(Map.of("pass", pass)).post("/api/v1/subjects/" + subject + "/access-pass/verify").then()
                .body("valid", equalTo(true));
        enrol(idp, subject);
    }

    static RequestSpecification person(String name) {
        return People.as(People.token(name, ADMIN)).contentType(ContentType.JSON);
    }

    @Test
    void aConsolePersonsResetWaitsForASecondAdminWhoSeesItAndTheRequesterCannotApproveIt() {
        String carol = uniqueName("carol");
        decide(idp, carol, List.of(), List.of("policy-admin"), List.of()).then().statusCode(200);
        enrolWithPass(carol);
        String id = person("helen").delete("/api/v1/admin/subjects/" + carol + "/totp").then().statusCode(202)
                .body("status", equalTo("pending")).body("action", equalTo("totp-reset"))
                .body("requestedBy", equalTo("person:helen")).body("why", containsString("console role"))
                .extract().path("id");
        // nothing happened yet
        as(idp).get("/api/v1/subjects/" + carol + "/mfa").then().body("enrolledMethods", equalTo(List.of("totp")));
        person("ivan").get("/api/v1/admin/approvals?status=pending").then().statusCode(200)
                .body("id", hasItem(id));
        person("helen").post("/api/v1/admin/approvals/" + id + "/approve").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("never the one who asked"));
        person("ivan").post("/api/v1/admin/approvals/" + id + "/approve").then().statusCode(200)
                .body("approval.status", equalTo("approved")).body("approval.decidedBy", equalTo("person:ivan"));
        as(idp).get("/api/v1/subjects/" + carol + "/mfa").then().body("enrolledMethods", equalTo(List.of()));
        person("ivan").post("/api/v1/admin/approvals/" + id + "/approve").then().statusCode(409);
        assertThat(auditTypes(carol)).contains("mfa.approval.requested", "mfa.approval.approved", "mfa.totp.reset");
    }

    @Test
    void anotherServicesNarrowerViewOfAPersonDoesNotLiftFourEyes() {
        String carol = uniqueName("carol");
        decide(idp, carol, List.of(), List.of("policy-admin"), List.of()).then().statusCode(200);
        enrolWithPass(carol);
        // a VPN (or whoever holds a key with scope mfa but not idp) reports her with no roles at all: it is
        // not believed, so her facts still say what Keycloak said
        String vpn = createService(uniqueName("vpn"), "mfa");
        decide(vpn, carol, List.of(), List.of(), List.of()).then().statusCode(200);
        person("helen").delete("/api/v1/admin/subjects/" + carol + "/totp").then().statusCode(202)
                .body("why", containsString("this person has a console role"));
        as(idp).get("/api/v1/subjects/" + carol + "/mfa").then().body("enrolledMethods", equalTo(List.of("totp")));
    }

    @Test
    void aPassForATreasuryPersonIsShownToTheApproverOnceApproved() {
        String group = uniqueName("treasury");
        admin().body(policy(group)).put("/api/v1/admin/policies/" + group).then().statusCode(201);
        try {
            String tom = uniqueName("tom");
            decide(idp, tom, List.of("/" + group), List.of(), List.of()).then().statusCode(200);
            String id = person("helen").body(Map.of("lifetimeMinutes", 30))
                    .post("/api/v1/admin/subjects/" + tom + "/access-passes").then().statusCode(202)
                    .body("parameters.lifetimeMinutes", equalTo(30)).body("why", containsString(group))
                    .extract().path("id");
            assertThat(Tables.count(database, "SELECT COUNT(*) FROM access_pass WHERE subject = '" + tom + "'"))
                    .isZero();
            String pass = person("ivan").post("/api/v1/admin/approvals/" + id + "/approve").then().statusCode(200)
                    .body("result.pass", matchesPattern("[A-Z2-7]{4}(-[A-Z2-7]{4}){3}")).extract().path("result.pass");
            as(idp).body(Map.of("pass", pass)).post("/api/v1/subjects/" + tom + "/access-pass/verify").then()
                    .body("valid", equalTo(true));
        } finally {
            admin().delete("/api/v1/admin/policies/" + group).then().statusCode(204);
        }
    }

    @Test
    void someoneNobodyKnowsYetIsProtectedAndAnOrdinaryEmployeeIsNot() {
        String newcomer = uniqueName("newhire");
        person("helen").body(Map.of()).post("/api/v1/admin/subjects/" + newcomer + "/access-passes").then()
                .statusCode(202).body("why", containsString("nobody knows"));
        String ed = uniqueName("ed");
        decide(idp, ed, List.of("/engineering"), List.of(), List.of()).then().statusCode(200);
        person("helen").body(Map.of()).post("/api/v1/admin/subjects/" + ed + "/access-passes").then()
                .statusCode(201);
        enrol(idp, ed);
        person("helen").delete("/api/v1/admin/subjects/" + ed + "/totp").then().statusCode(204);
    }

    @Test
    void aRejectedOrExpiredRequestDoesNothingAndIsAudited() {
        String carol = uniqueName("carol");
        decide(idp, carol, List.of(), List.of("policy-auditor"), List.of()).then().statusCode(200);
        enrolWithPass(carol);
        String rejected = person("helen").delete("/api/v1/admin/subjects/" + carol + "/totp").then()
                .statusCode(202).extract().path("id");
        person("ivan").post("/api/v1/admin/approvals/" + rejected + "/reject").then().statusCode(200)
                .body("status", equalTo("rejected"));
        person("ivan").post("/api/v1/admin/approvals/" + rejected + "/approve").then().statusCode(409)
                .body("detail", containsString("rejected"));
        String expired = person("helen").delete("/api/v1/admin/subjects/" + carol + "/totp").then()
                .statusCode(202).extract().path("id");
        Tables.update(database, "UPDATE approval_request SET expires_at = ? WHERE id = ?",
                Timestamp.from(Instant.now().minusSeconds(1)), expired);
        person("ivan").post("/api/v1/admin/approvals/" + expired + "/approve").then().statusCode(409)
                .body("detail", containsString("expired"));
        // listed as expired before the scheduler marks it, and no longer as waiting
        person("ivan").get("/api/v1/admin/approvals?status=expired").then().body("id", hasItem(expired));
        person("ivan").get("/api/v1/admin/approvals?status=pending").then()
                .body("id", org.hamcrest.Matchers.not(hasItem(expired)));
        person("ivan").get("/api/v1/admin/approvals?status=rejected").then().body("id", hasItem(rejected));
        fourEyes.expire();
        fourEyes.expire();
        as(idp).get("/api/v1/subjects/" + carol + "/mfa").then().body("enrolledMethods", equalTo(List.of("totp")));
        List<String> types = auditTypes(carol);
        assertThat(types).contains("mfa.approval.rejected");
        assertThat(types.stream().filter("mfa.approval.expired"::equals)).hasSize(1);
        assertThat(types).doesNotContain("mfa.totp.reset");
    }

    @Test
    void onlyAdminsSeeOrDecideRequests() {
        People.as(People.employee()).get("/api/v1/admin/approvals").then().statusCode(403);
        People.as(People.auditor()).get("/api/v1/admin/approvals").then().statusCode(200);
        People.as(People.auditor()).post("/api/v1/admin/approvals/x/approve").then().statusCode(403);
        as(idp).get("/api/v1/admin/approvals").then().statusCode(403);
        person("ivan").post("/api/v1/admin/approvals/no-such-request/approve").then().statusCode(404);
        person("ivan").get("/api/v1/admin/approvals?status=maybe").then().statusCode(400);
    }

    static String policy(String group) {
        return "{\"appliesTo\":{\"groups\":[\"" + group + "\"]},\"mfa\":{\"required\":true,\"methods\":[\"webauthn\"],"
                + "\"enrolmentGraceDays\":0,\"binding\":\"pass\"},\"passwords\":{\"reuse\":\"block\","
                + "\"variantReuse\":\"warn\",\"breached\":\"block\",\"minLength\":8}}";
    }

    private List<String> auditTypes(String subject) {
        chainer.chainAll();
        return Tables.rows(database, "SELECT event_type, subject FROM audit_event WHERE subject = '" + subject + "'")
                .stream().map(r -> (String) r[0]).toList();
    }
}
