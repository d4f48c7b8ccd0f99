package dev.portcullis.policy.security;

import static dev.portcullis.policy.support.Api.admin;
import static org.hamcrest.Matchers.containsString;

import dev.portcullis.policy.support.People;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A person's token of the realm is worth something here only when it was issued to the console (or
 * for the configured audience) and proven by a second factor: a phished password, spent on any
 * other application of the realm or on a password-only login, gets nothing.
 */
abstract class PersonTokenContract {

    static final List<String> ADMIN = List.of("policy-admin");

    @Test
    void aTokenMintedForAnotherApplicationOfTheRealmIsRefusedAndSaysWhy() {
        String wiki = People.token("carol", ADMIN, Map.of("azp", "wiki"));
        People.as(wiki).get("/api/v1/admin/policies").then().statusCode(401)
                .contentType("application/problem+json")
                .body("detail", containsString("issued to another application ('wiki')"))
                .body("detail", containsString("portcullis-console"));
        People.as(wiki).post("/api/v1/audit/purge?olderThanDays=1").then().statusCode(401);
        People.as(People.token("carol", ADMIN, nulls("azp"))).get("/api/v1/admin/policies").then().statusCode(401);
    }

    @Test
    void aTokenWithoutTheSecondFactorLevelIsRefusedAndSaysWhy() {
        for (Object acr : new Object[] {"1", "pwd", "0", "MFA"}) {
            People.as(People.token("carol", ADMIN, Map.of("acr", acr))).get("/api/v1/admin/policies").then()
                    .statusCode(401).body("detail", containsString("does not show two-step verification"));
        }
        People.as(People.token("carol", ADMIN, nulls("acr"))).get("/api/v1/admin/policies").then().statusCode(401)
                .body("detail", containsString("acr none"));
        People.as(People.token("carol", ADMIN, Map.of("acr", "1"))).get("/console").then().statusCode(401);
    }

    @Test
    void aConsoleTokenProvenByASecondFactorOrAPhishingResistantKeyIsAccepted() {
        People.as(People.token("carol", ADMIN, Map.of("acr", "mfa"))).get("/api/v1/admin/policies").then()
                .statusCode(200);
        People.as(People.token("carol", ADMIN, Map.of("acr", "phr"))).get("/api/v1/admin/policies").then()
                .statusCode(200);
    }

    @Test
    void hostileClaimsAreNotEchoedBackWhole() {
        String hostile = "<script>" + "x".repeat(5000) + "\u0000\n";
        People.as(People.token("carol", ADMIN, Map.of("azp", hostile))).get("/api/v1/admin/policies").then()
                .statusCode(401).body("detail", containsString("<script>xxx"))
                .body("detail", org.hamcrest.Matchers.not(containsString("x".repeat(100))));
    }

    @Test
    void theConsoleRolesPolicyCannotBeDeletedOrWeakenedAndNoOtherPolicyMayGiveThoseRolesGrace() {
        admin().get("/api/v1/admin/policies/console-roles").then().statusCode(200)
                .body("appliesTo.roles", org.hamcrest.Matchers.hasItems("policy-admin", "policy-auditor"))
                .body("mfa.required", org.hamcrest.Matchers.equalTo(true))
                .body("mfa.enrolmentGraceDays", org.hamcrest.Matchers.equalTo(0))
                .body("mfa.binding", org.hamcrest.Matchers.equalTo("pass"));
        admin().delete("/api/v1/admin/policies/console-roles").then().statusCode(409)
                .body("detail", containsString("cannot be deleted"));

        admin().body(document(List.of("policy-admin", "policy-auditor"), true, 7))
                .put("/api/v1/admin/policies/console-roles").then().statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("mfa.enrolmentGraceDays must be 0"))
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("mfa.enrolmentGraceDays"));
        admin().body(document(List.of("policy-admin"), true, 0))
                .put("/api/v1/admin/policies/console-roles").then().statusCode(422)
                .body("detail", containsString("must keep policy-admin and policy-auditor"));
        admin().body(document(List.of("policy-auditor"), false, 30))
                .put("/api/v1/admin/policies/auditors-relaxed").then().statusCode(422)
                .body("detail", containsString("mfa.required must be true"))
                .body("detail", containsString("mfa.enrolmentGraceDays must be 0"));
        admin().get("/api/v1/admin/policies/auditors-relaxed").then().statusCode(404);
        // binding their next factor by password (or by a factor they have) would weaken it too
        admin().body(document(List.of("policy-admin", "policy-auditor"), true, 0))
                .put("/api/v1/admin/policies/console-roles").then().statusCode(422)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("mfa.binding"));
        // stricter is fine
        Map<String, Object> stricter = document(List.of("policy-admin", "policy-auditor"), true, 0, "pass");
        admin().body(stricter).put("/api/v1/admin/policies/console-roles").then().statusCode(200);
    }

    static Map<String, Object> document(List<String> roles, boolean required, int graceDays) {
        return document(roles, required, graceDays, "password");
    }

    static Map<String, Object> document(List<String> roles, boolean required, int graceDays, String binding) {
        return Map.of("appliesTo", Map.of("roles", roles),
                "mfa", Map.of("required", required, "methods", List.of("totp", "webauthn"), "enrolmentGraceDays",
                        graceDays, "binding", binding),
                "passwords", Map.of("reuse", "block", "variantReuse", "warn", "breached", "block", "minLength", 8));
    }

    static Map<String, Object> nulls(String claim) {
        Map<String, Object> changed = new HashMap<>();
        changed.put(claim, null);
        return changed;
    }
}
