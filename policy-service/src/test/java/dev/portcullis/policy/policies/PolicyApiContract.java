package dev.portcullis.policy.policies;

import static dev.portcullis.policy.support.Api.admin;
import static dev.portcullis.policy.support.Api.as;
import static dev.portcullis.policy.support.Api.createService;
import static dev.portcullis.policy.support.Api.uniqueName;
import static dev.portcullis.policy.support.Mfa.decide;
import static dev.portcullis.policy.support.Mfa.enrol;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Policies through the admin API, and the login decisions they produce, on each database. */
public abstract class PolicyApiContract {

    String key;
    String group;
    String policy;

    @BeforeEach
    void setUp() {
        key = createService(uniqueName("kc"), "mfa", "enrol", "idp");
        group = uniqueName("team");
        policy = uniqueName("policy");
    }

    static Map<String, Object> document(List<String> groups, List<String> roles, boolean required,
            List<String> methods, int graceDays, String effectiveFrom) {
        Map<String, Object> mfa = new HashMap<>();
        mfa.put("required", required);
        mfa.put("methods", methods);
        mfa.put("enrolmentGraceDays", graceDays);
        mfa.put("effectiveFrom", effectiveFrom);
        return Map.of("appliesTo", Map.of("groups", groups, "roles", roles, "clients", List.of()),
                "mfa", mfa,
                "passwords", Map.of("reuse", "block", "variantReuse", "block", "breached", "block", "minLength", 12));
    }

    @Test
    void theBaselineExistsAndAppliesToEveryone() {
        admin().get("/api/v1/admin/policies/baseline").then().statusCode(200)
                .body("mfa.required", equalTo(true))
                .body("mfa.methods", equalTo(List.of("totp", "webauthn")))
                .body("mfa.enrolmentGraceDays", equalTo(7))
                .body("passwords.reuse", equalTo("block"))
                .body("passwords.variantReuse", equalTo("warn"))
                .body("passwords.minLength", equalTo(8));
        decide(key, uniqueName("newcomer"), List.of(), List.of(), List.of()).then().statusCode(200)
                .body("action", equalTo("ENROL_OPTIONAL"))
                .body("daysLeft", equalTo(7))
                .body("policy", equalTo("baseline"));
    }

    @Test
    void createReadUpdateDelete() {
        admin().body(document(List.of(group), List.of(), true, List.of("totp"), 3, null))
                .put("/api/v1/admin/policies/" + policy).then().statusCode(201)
                .body("name", equalTo(policy)).body("mfa.enrolmentGraceDays", equalTo(3));
        admin().body(document(List.of(group), List.of(), true, List.of("totp"), 5, "2026-01-01"))
                .put("/api/v1/admin/policies/" + policy).then().statusCode(200)
                .body("mfa.effectiveFrom", equalTo("2026-01-01"));
        admin().get("/api/v1/admin/policies").then().statusCode(200).body("name", hasItems("baseline", policy));
        admin().delete("/api/v1/admin/policies/" + policy).then().statusCode(204);
        admin().get("/api/v1/admin/policies/" + policy).then().statusCode(404).contentType("application/problem+json");
        admin().delete("/api/v1/admin/policies/" + policy).then().statusCode(404);
        admin().get("/api/v1/admin/policies").then().body("name", not(hasItem(policy)));
    }

    @Test
    void aPastDeadlineMeansEnrolNowAndAnEnrolledFactorMeansVerify() {
        admin().body(document(List.of(group), List.of(), true, List.of("totp", "webauthn"), 0, null))
                .put("/api/v1/admin/policies/" + policy).then().statusCode(201);
        String alice = uniqueName("alice");
        decide(key, alice, List.of("/" + group), List.of(), List.of()).then().statusCode(200)
                .body("action", equalTo("ENROL"))
                .body("methods", equalTo(List.of("totp", "webauthn")))
                .body("policy", equalTo(policy))
                .body("daysLeft", equalTo(0));
        enrol(key, alice);
        decide(key, alice, List.of("/" + group), List.of(), List.of()).then()
                .body("action", equalTo("VERIFY")).body("methods", equalTo(List.of("totp")))
                .body("enrolBy", nullValue());
        admin().delete("/api/v1/admin/policies/" + policy);
    }

    @Test
    void aFutureEffectiveDateGivesGrace() {
        admin().body(document(List.of(group), List.of(), true, List.of("totp"), 14, "2099-01-01"))
                .put("/api/v1/admin/policies/" + policy).then().statusCode(201);
        decide(key, uniqueName("bob"), List.of(group), List.of(), List.of()).then()
                .body("action", equalTo("ENROL_OPTIONAL"))
                // the baseline's 7 days from first seen come sooner, and the strictest wins
                .body("policy", equalTo("baseline"))
                .body("daysLeft", equalTo(7));
        admin().delete("/api/v1/admin/policies/" + policy);
    }

    @Test
    void aWebauthnOnlyPolicyIsNotSatisfiedByTotp() {
        String role = uniqueName("role");
        admin().body(document(List.of(), List.of(role), true, List.of("webauthn"), 0, null))
                .put("/api/v1/admin/policies/" + policy).then().statusCode(201);
        String carol = uniqueName("carol");
        enrol(key, carol);
        // her code first, then the key: her phished password alone must not register someone's key
        decide(key, carol, List.of(), List.of(role), List.of()).then()
                .body("action", equalTo("VERIFY")).body("methods", equalTo(List.of("totp")))
                .body("then", equalTo("ENROL")).body("enrolMethods", equalTo(List.of("webauthn")))
                .body("daysLeft", equalTo(0));
        decide(key, carol, List.of(), List.of(role), List.of("webauthn")).then()
                .body("action", equalTo("VERIFY")).body("methods", equalTo(List.of("webauthn")))
                .body("then", nullValue());
        decide(key, uniqueName("newcomer"), List.of(), List.of(role), List.of()).then()
                .body("action", equalTo("ENROL")).body("methods", equalTo(List.of("webauthn")));
        admin().delete("/api/v1/admin/policies/" + policy);
    }

    /**
     * Keycloak reports full group paths: a member of {@code /<treasury>/payments} is under the policy of
     * {@code <treasury>} (keys only), a sibling that merely shares the prefix is not, and the policy
     * preview says why, for the groups and for the person as their last login reported them.
     */
    @Test
    void aGroupsPolicyCoversItsSubgroupsInRealDecisionsAndThePreviewSaysWhy() {
        String treasury = uniqueName("treasury");
        admin().body(document(List.of(treasury), List.of(), true, List.of("webauthn"), 0, null))
                .put("/api/v1/admin/policies/" + policy).then().statusCode(201);
        String payments = "/" + treasury + "/payments";
        String erin = uniqueName("erin");
        decide(key, erin, List.of(payments), List.of(), List.of()).then().statusCode(200)
                .body("action", equalTo("ENROL")).body("methods", equalTo(List.of("webauthn")))
                .body("policy", equalTo(policy)).body("daysLeft", equalTo(0));
        decide(key, uniqueName("deeper"), List.of(payments + "/eu"), List.of(), List.of()).then()
                .body("action", equalTo("ENROL")).body("methods", equalTo(List.of("webauthn")))
                .body("policy", equalTo(policy));
        decide(key, uniqueName("archivist"), List.of("/" + treasury + "-archive"), List.of(), List.of()).then()
                .body("policy", equalTo("baseline")).body("methods", equalTo(List.of("totp", "webauthn")));

        String because = "member of group " + payments + ", covered through its parent group " + treasury
                + " (a group's policy covers every subgroup below it)";
        admin().queryParam("group", payments).get("/api/v1/admin/policy-preview").then().statusCode(200)
                .body("policies.policy", hasItem(policy))
                .body("policies.find { it.policy == '" + policy + "' }.because", equalTo(List.of(because)))
                .body("mfaPolicy", equalTo(policy)).body("mfaRequired", equalTo(true))
                .body("methods", equalTo(List.of("webauthn")));
        admin().queryParam("subject", erin).get("/api/v1/admin/policy-preview").then().statusCode(200)
                .body("subject", equalTo(erin)).body("groups", equalTo(List.of(payments)))
                .body("policies.find { it.policy == '" + policy + "' }.because", equalTo(List.of(because)))
                .body("methods", equalTo(List.of("webauthn")));
        admin().queryParam("group", "/" + treasury + "-archive").get("/api/v1/admin/policy-preview").then()
                .statusCode(200).body("policies.policy", not(hasItem(policy)))
                .body("methods", equalTo(List.of("totp", "webauthn")));
        admin().delete("/api/v1/admin/policies/" + policy);
    }

    @Test
    void thePolicyPreviewIsForAdminsAndAuditorsAndRefusesBadQuestions() {
        as(key).queryParam("group", "/x").get("/api/v1/admin/policy-preview").then().statusCode(403);
        dev.portcullis.policy.support.People.as(dev.portcullis.policy.support.People.auditor())
                .queryParam("role", "policy-admin").get("/api/v1/admin/policy-preview").then().statusCode(200)
                .body("policies.policy", hasItem("console-roles"));
        admin().queryParam("subject", uniqueName("nobody")).get("/api/v1/admin/policy-preview").then()
                .statusCode(404).contentType("application/problem+json");
        admin().queryParam("subject", "ann").queryParam("group", "/x").get("/api/v1/admin/policy-preview").then()
                .statusCode(400).contentType("application/problem+json");
        admin().queryParam("group", "/a" + (char) 1 + "b").get("/api/v1/admin/policy-preview").then()
                .statusCode(400).body("errors[0].field", equalTo("group"));
        admin().queryParam("group", "x".repeat(256)).get("/api/v1/admin/policy-preview").then()
                .statusCode(400).body("errors[0].field", equalTo("group"));
    }

    @Test
    void aWebauthnRolloutWithGraceStillAsksTotpPeopleForTheirCode() {
        String fred = uniqueName("fred");
        enrol(key, fred);
        decide(key, fred, List.of(group), List.of(), List.of()).then()
                .body("action", equalTo("VERIFY")).body("methods", equalTo(List.of("totp")))
                .body("then", nullValue());
        admin().body(document(List.of(group), List.of(), true, List.of("webauthn"), 30, null))
                .put("/api/v1/admin/policies/" + policy).then().statusCode(201);
        decide(key, fred, List.of(group), List.of(), List.of()).then()
                .body("action", equalTo("VERIFY")).body("methods", equalTo(List.of("totp")))
                .body("then", equalTo("ENROL_OPTIONAL")).body("enrolMethods", equalTo(List.of("webauthn")))
                .body("daysLeft", greaterThan(0)); // the baseline's 7 days come before these 30
        admin().delete("/api/v1/admin/policies/" + policy);
    }

    @Test
    void removingOnesKeyEndsTheGracePeriodAndIsAudited() {
        admin().body(document(List.of(group), List.of(), true, List.of("webauthn"), 30, null))
                .put("/api/v1/admin/policies/" + policy).then().statusCode(201);
        String kim = uniqueName("kim");
        decide(key, kim, List.of(group), List.of(), List.of("webauthn")).then()
                .body("action", equalTo("VERIFY")).body("methods", equalTo(List.of("webauthn")));
        // her key is gone at her next login: no "later" for her, even with grace left for others
        decide(key, kim, List.of(group), List.of(), List.of()).then()
                .body("action", equalTo("ENROL")).body("daysLeft", equalTo(0));
        decide(key, uniqueName("newcomer"), List.of(group), List.of(), List.of()).then()
                .body("action", equalTo("ENROL_OPTIONAL"));
        admin().get("/api/v1/audit/events?format=jsonl&type=mfa.factor.removed&subject=" + kim).then()
                .statusCode(200).body(containsString("\"subject\":\"" + kim + "\""));
        // with a key again, grace applies to her as to anyone
        decide(key, kim, List.of(group), List.of(), List.of("webauthn")).then().body("action", equalTo("VERIFY"));
        admin().get("/api/v1/admin/subjects/" + kim + "/mfa").then().statusCode(200)
                .body("enrolledMethods", equalTo(List.of("webauthn")));
        admin().delete("/api/v1/admin/policies/" + policy);
    }

    @Test
    void aPreviewRecordsNothingAndIsSettledOnlyWhenRecordingWouldChangeNothing() {
        admin().body(document(List.of(group), List.of(), true, List.of("webauthn"), 30, null))
                .put("/api/v1/admin/policies/" + policy).then().statusCode(201);
        String ann = uniqueName("ann");
        // a newcomer: previewing starts no grace clock, so it cannot be settled
        preview(ann, List.of("webauthn")).then().statusCode(200)
                .body("action", equalTo("VERIFY")).body("settled", equalTo(false));
        admin().get("/api/v1/admin/subjects/" + ann + "/mfa").then().statusCode(404);
        decide(key, ann, List.of(group), List.of(), List.of("webauthn")).then()
                .body("action", equalTo("VERIFY")).body("settled", nullValue());
        preview(ann, List.of("webauthn")).then().body("action", equalTo("VERIFY")).body("settled", equalTo(true));
        // her key is gone: the preview says so, but ends no grace and audits nothing; the real decision does
        preview(ann, List.of()).then().body("action", equalTo("ENROL")).body("settled", equalTo(false));
        admin().get("/api/v1/audit/events?format=jsonl&type=mfa.factor.removed&subject=" + ann).then()
                .statusCode(200).body(not(containsString(ann)));
        preview(ann, List.of("webauthn")).then().body("settled", equalTo(true));
        decide(key, ann, List.of(group), List.of(), List.of()).then().body("action", equalTo("ENROL"));
        admin().get("/api/v1/audit/events?format=jsonl&type=mfa.factor.removed&subject=" + ann).then()
                .body(containsString("\"subject\":\"" + ann + "\""));
        // proving a key again would restore grace: a write, so not settled until done for real
        preview(ann, List.of("webauthn")).then().body("action", equalTo("VERIFY")).body("settled", equalTo(false));
        decide(key, ann, List.of(group), List.of(), List.of("webauthn")).then().body("action", equalTo("VERIFY"));
        preview(ann, List.of("webauthn")).then().body("settled", equalTo(true));
        // other groups would be recorded: not settled, and the console still counts the old ones
        as(key).body(Map.of("subject", ann, "groups", List.of(group, "/elsewhere"), "client", "account-console",
                "enrolledMethods", List.of("webauthn"))).post("/api/v1/decisions/login?preview=true").then()
                .body("settled", equalTo(false));
        preview(ann, List.of("webauthn")).then().body("settled", equalTo(true));
        as(key).body(Map.of("subject", ann)).post("/api/v1/decisions/login?preview=yes").then().statusCode(400)
                .body("errors[0].field", equalTo("preview"));
        admin().delete("/api/v1/admin/policies/" + policy);
    }

    private io.restassured.response.Response preview(String subject, List<String> enrolledMethods) {
        return as(key).body(Map.of("subject", subject, "groups", List.of(group), "roles", List.of(),
                "client", "account-console", "enrolledMethods", enrolledMethods))
                .post("/api/v1/decisions/login?preview=true");
    }

    @Test
    void keycloakReportsKeysAsTheyAreRegisteredAndRemoved() {
        admin().body(document(List.of(group), List.of(), true, List.of("webauthn"), 30, null))
                .put("/api/v1/admin/policies/" + policy).then().statusCode(201);
        String keycloak = createService(uniqueName("kc"), "mfa", "events", "idp");
        String lee = uniqueName("lee");
        decide(key, lee, List.of(group), List.of(), List.of()).then().body("action", equalTo("ENROL_OPTIONAL"));
        as(keycloak).body(credentialEvent("UPDATE_CREDENTIAL", lee, "webauthn")).post("/api/v1/events")
                .then().statusCode(200);
        admin().get("/api/v1/admin/subjects/" + lee + "/mfa").then().body("enrolledMethods", equalTo(List.of("webauthn")));
        // a service that is not the identity provider cannot speak for anyone's keys
        String vpn = createService(uniqueName("vpn"), "events");
        as(vpn).body(credentialEvent("REMOVE_CREDENTIAL", lee, "webauthn")).post("/api/v1/events")
                .then().statusCode(200);
        admin().get("/api/v1/admin/subjects/" + lee + "/mfa").then().body("enrolledMethods", equalTo(List.of("webauthn")));
        as(keycloak).body(credentialEvent("REMOVE_CREDENTIAL", lee, "webauthn")).post("/api/v1/events")
                .then().statusCode(200);
        admin().get("/api/v1/admin/subjects/" + lee + "/mfa").then().body("enrolledMethods", equalTo(List.of()));
        decide(key, lee, List.of(group), List.of(), List.of()).then().body("action", equalTo("ENROL"));
        admin().delete("/api/v1/admin/policies/" + policy);
    }

    static List<Map<String, Object>> credentialEvent(String type, String subject, String credentialType) {
        return List.of(Map.of("time", java.time.Instant.now().toString(), "type", type, "subject", subject,
                "outcome", "success", "details", Map.of("credential_type", credentialType, "realm", "employees")));
    }

    @Test
    void editingTheBaselineChangesDecisionsAndItCannotBeDeleted() {
        Map<String, Object> original = admin().get("/api/v1/admin/policies/baseline").then().extract().jsonPath()
                .getMap("$");
        original.remove("name");
        try {
            admin().body(document(List.of(), List.of(), true, List.of("totp", "webauthn"), 30, null))
                    .put("/api/v1/admin/policies/baseline").then().statusCode(200);
            decide(key, uniqueName("dave"), List.of(), List.of(), List.of()).then().body("daysLeft", equalTo(30));
        } finally {
            admin().body(original).put("/api/v1/admin/policies/baseline").then().statusCode(200);
        }
        admin().delete("/api/v1/admin/policies/baseline").then().statusCode(409)
                .body("detail", containsString("cannot be deleted"));
    }

    @Test
    void badPoliciesGetProblemsNamingTheField() {
        Map<String, Object> doc = new HashMap<>(document(List.of(), List.of(), true, List.of("totp"), 400, null));
        admin().body(doc).put("/api/v1/admin/policies/" + policy).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("mfa.enrolmentGraceDays"));
        admin().body(document(List.of(), List.of(), true, List.of(), 1, null)).put("/api/v1/admin/policies/" + policy)
                .then().statusCode(400).body("errors[0].field", equalTo("mfa.methods"));
        admin().body(document(List.of(), List.of(), true, List.of("sms"), 1, null))
                .put("/api/v1/admin/policies/" + policy)
                .then().statusCode(400).body("errors[0].field", equalTo("mfa.methods[0]"));
        admin().body(document(List.of(), List.of(), true, List.of("totp"), 1, "next tuesday"))
                .put("/api/v1/admin/policies/" + policy)
                .then().statusCode(400).body("errors[0].field", equalTo("mfa.effectiveFrom"));
        admin().body(Map.of("appliesTo", Map.of(), "mfa", Map.of("required", true, "methods", List.of("totp"),
                "enrolmentGraceDays", 1), "passwords", Map.of("reuse", "sometimes", "variantReuse", "off",
                "breached", "off", "minLength", 8)))
                .put("/api/v1/admin/policies/" + policy)
                .then().statusCode(400).body("errors[0].field", equalTo("passwords.reuse"));
        admin().body(Map.of("appliesTo", Map.of())).put("/api/v1/admin/policies/" + policy)
                .then().statusCode(400).body("detail", containsString("mfa"));
        admin().body(document(List.of(), List.of(), true, List.of("totp"), 1, null))
                .put("/api/v1/admin/policies/Bad%20Name").then().statusCode(400)
                .body("errors[0].field", equalTo("name"));
        admin().get("/api/v1/admin/policies/" + policy).then().statusCode(404);
    }

    @Test
    void decisionRequestsAreValidated() {
        as(key).body(Map.of("groups", List.of())).post("/api/v1/decisions/login").then().statusCode(400)
                .body("errors[0].field", equalTo("subject"));
        as(key).body(Map.of("subject", "x", "enrolledMethods", List.of("sms"))).post("/api/v1/decisions/login")
                .then().statusCode(400).body("errors[0].field", equalTo("enrolledMethods[0]"));
        as(key).body(Map.of("subject", "x", "groups", "admins")).post("/api/v1/decisions/login")
                .then().statusCode(400).body("errors[0].field", equalTo("groups"));
        admin().body(Map.of("subject", "x")).post("/api/v1/decisions/login").then().statusCode(403);
    }
}
