package dev.portcullis.policy.security;

import static dev.portcullis.policy.support.Api.admin;
import static dev.portcullis.policy.support.Api.as;
import static dev.portcullis.policy.support.Api.createService;
import static dev.portcullis.policy.support.Api.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.portcullis.policy.support.Api;
import dev.portcullis.policy.support.Mfa;
import dev.portcullis.policy.support.ReferenceTotp;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A VPN host is compromised, and the attacker holds its key (scopes mfa, credentials, events): it must
 * not state facts about people, nor learn where their passwords are used. Only Keycloak's key (idp)
 * speaks for people.
 */
abstract class LeastPrivilegeContract {

    String keycloak;
    String keycloakKey;
    String vpn;
    String vpnKey;
    String una;

    @BeforeEach
    void setUp() {
        keycloak = uniqueName("keycloak");
        keycloakKey = createService(keycloak, "mfa", "enrol", "idp", "credentials", "events");
        vpn = uniqueName("vpn");
        vpnKey = createService(vpn, "mfa", "credentials", "events");
        una = uniqueName("una");
        Mfa.decide(keycloakKey, una, List.of(), List.of(), List.of("webauthn")).then().statusCode(200);
    }

    Response status(String subject) {
        return admin().get("/api/v1/admin/subjects/" + subject + "/mfa");
    }

    List<String> auditTypes(String subject) {
        return admin().get("/api/v1/audit/events?format=jsonl&subject=" + subject).then().statusCode(200).extract()
                .asString().lines().map(line -> line.replaceAll(".*\"type\":\"([^\"]+)\".*", "$1")).toList();
    }

    @Test
    void aVpnsLoginDecisionIsTheSameAnswerAndRecordsNothing() {
        String before = status(una).then().statusCode(200).body("enrolledMethods", equalTo(List.of("webauthn")))
                .extract().asString();
        List<String> auditBefore = auditTypes(una);
        String asked = Mfa.decide(vpnKey, una, List.of(), List.of(), List.of("webauthn", "passkey")).then()
                .statusCode(200).body("settled", nullValue()).extract().asString();
        // the identity provider's preview of the same request gives the same answer
        String preview = as(keycloakKey).body(Map.of("subject", una, "groups", List.of(), "roles", List.of(),
                "client", "account-console", "enrolledMethods", List.of("webauthn", "passkey")))
                .post("/api/v1/decisions/login?preview=true").then().statusCode(200).extract().asString();
        assertThat(preview.replace(",\"settled\":false", "").replace(",\"settled\":true", "")).isEqualTo(asked);
        // a passkey claimed, then the real key denied: nothing of it is stored
        Mfa.decide(vpnKey, una, List.of(), List.of(), List.of()).then().statusCode(200);
        assertThat(status(una).then().statusCode(200).extract().asString()).isEqualTo(before);
        assertThat(auditTypes(una)).as("no mfa.factor.removed, nothing at all").isEqualTo(auditBefore);
        // a name never seen stays unknown: no grace clock started by the VPN
        String ghost = uniqueName("ghost");
        Mfa.decide(vpnKey, ghost, List.of("/treasury"), List.of(), List.of("webauthn")).then().statusCode(200);
        status(ghost).then().statusCode(404);
    }

    @Test
    void aVpnsKeyEventsChangeNothing() {
        as(vpnKey).body(List.of(credentialEvent("vpn-rm-1", "REMOVE_CREDENTIAL", una),
                credentialEvent("vpn-add-1", "UPDATE_CREDENTIAL", uniqueName("planted"))))
                .post("/api/v1/events").then().statusCode(200).body("accepted", equalTo(2));
        status(una).then().statusCode(200).body("enrolledMethods", equalTo(List.of("webauthn")));
        assertThat(auditTypes(una)).doesNotContain("mfa.factor.removed");
        // the same event from Keycloak's key is believed
        as(keycloakKey).body(List.of(credentialEvent("kc-rm-1", "REMOVE_CREDENTIAL", una)))
                .post("/api/v1/events").then().statusCode(200);
        status(una).then().statusCode(200).body("enrolledMethods", equalTo(List.of()));
    }

    @Test
    void aVpnLearnsAVerdictButNotWhichServiceHoldsThePassword() {
        as(keycloakKey).body(Map.of("password", "Harbour-Lantern-Quiet-42"))
                .put("/api/v1/credentials/" + una + "/" + keycloak).then().statusCode(204);
        as(vpnKey).body(Map.of("subject", una, "service", vpn, "password", "Harbour-Lantern-Quiet-42"))
                .post("/api/v1/credentials/check").then().statusCode(200)
                .body("findings[0].type", equalTo("REUSED")).body("findings[0].services", nullValue())
                .body("findings[0].reason", equalTo("This password is already used for another company account."))
                .body(org.hamcrest.Matchers.not(containsString(keycloak)));
        as(vpnKey).body(Map.of("subject", una, "service", vpn, "password", "Harbour-Lantern-Quiet-43"))
                .post("/api/v1/credentials/check").then().statusCode(200)
                .body("findings.type", org.hamcrest.Matchers.hasItem("VARIANT_REUSED"))
                .body(org.hamcrest.Matchers.not(containsString(keycloak)));
        // the login decision does not name the service either
        as(vpnKey).body(Map.of("password", "Harbour-Lantern-Quiet-42"))
                .put("/api/v1/credentials/" + una + "/" + vpn).then().statusCode(204);
        Mfa.decide(vpnKey, una, List.of(), List.of(), List.of()).then().statusCode(200)
                .body("changePassword", equalTo(List.of("another service")));
        Mfa.decide(keycloakKey, una, List.of(), List.of(), List.of("webauthn")).then().statusCode(200)
                .body("changePassword", equalTo(List.of(vpn)));
        // and the VPN cannot make a person known by registering a password for them
        as(vpnKey).body(Map.of("password", "Harbour-Lantern-Quiet-42"))
                .put("/api/v1/credentials/" + uniqueName("planted") + "/" + vpn).then().statusCode(404)
                .contentType("application/problem+json");
    }

    /**
     * Ways around the verdict and the budget, refused: naming another service to learn whether it holds the
     * password (its fingerprints would be left out), made-up names, requests that fail, and a lax policy
     * picked by stating other groups.
     */
    @Test
    void theVpnCannotNameOtherServicesInventPeopleOrPickItsPolicy() {
        as(keycloakKey).body(Map.of("password", "Harbour-Lantern-Quiet-42"))
                .put("/api/v1/credentials/" + una + "/" + keycloak).then().statusCode(204);
        as(vpnKey).body(Map.of("subject", una, "service", keycloak, "password", "Harbour-Lantern-Quiet-42"))
                .post("/api/v1/credentials/check").then().statusCode(403).contentType("application/problem+json");
        String ghost = uniqueName("ghost");
        for (int i = 0; i < 12; i++) {
            as(vpnKey).body(Map.of("subject", ghost, "service", vpn, "password", "Guess-" + i + "-Harbour"))
                    .post("/api/v1/credentials/check").then().statusCode(404);
            as(vpnKey).body(Map.of("subject", una, "service", vpn)).post("/api/v1/credentials/check").then()
                    .statusCode(400);
        }
        // none of those spent una's ten: they were refused before any budget was taken
        for (int i = 0; i < 10; i++) {
            as(vpnKey).body(Map.of("subject", una, "service", vpn, "password", "Guess-" + i + "-Harbour"))
                    .post("/api/v1/credentials/check").then().statusCode(200);
        }
        as(vpnKey).body(Map.of("subject", una, "service", vpn, "password", "Guess-10-Harbour"))
                .post("/api/v1/credentials/check").then().statusCode(429);
    }

    /**
     * The VPN's key sends wrong codes for una until she is locked: locked out of the VPN (which it could
     * refuse her anyway), not out of Keycloak, where she signs in with her own code; an admin unlock ends
     * the VPN's lock too. Wrong codes through Keycloak lock her everywhere.
     */
    @Test
    void aVpnsWrongCodesLockAPersonOutOfTheVpnOnlyAndKeycloaksEverywhere() {
        String ivy = uniqueName("ivy");
        Mfa.decide(keycloakKey, ivy, List.of(), List.of(), List.of()).then().statusCode(200);
        Mfa.Enrolled enrolled = Mfa.enrol(keycloakKey, ivy);
        String wrong = Mfa.wrongCode(enrolled.secret());
        for (int i = 0; i < 5; i++) {
            Mfa.verify(vpnKey, ivy, wrong).then().statusCode(200).body("valid", equalTo(false));
        }
        Mfa.verify(vpnKey, ivy, wrong).then().statusCode(423).body("detail", containsString(vpn));
        // locked means no code is compared at all, not even the right one
        String next = ReferenceTotp.code(enrolled.secret(), enrolled.step() + 1);
        Mfa.verify(vpnKey, ivy, next).then().statusCode(423);
        Mfa.decide(vpnKey, ivy, List.of(), List.of(), List.of()).then().statusCode(200)
                .body("action", equalTo("DENY"));
        Mfa.decide(keycloakKey, ivy, List.of(), List.of(), List.of()).then().statusCode(200)
                .body("action", equalTo("VERIFY"));
        Mfa.verifyRecovery(keycloakKey, ivy, enrolled.recoveryCodes().get(0)).then().statusCode(200)
                .body("valid", equalTo(true));
        status(ivy).then().body("locked", equalTo(false)).body("lockedAtServices." + vpn, notNullValue());
        assertThat(auditTypes(ivy)).contains("mfa.locked");
        admin().post("/api/v1/admin/subjects/" + ivy + "/unlock").then().statusCode(204);
        status(ivy).then().body("lockedAtServices", equalTo(Map.of()));
        Mfa.verify(vpnKey, ivy, wrong).then().statusCode(200).body("valid", equalTo(false));

        // four wrong codes at Keycloak; a right one through the VPN does not wipe them; the fifth locks her
        for (int i = 0; i < 4; i++) {
            Mfa.verify(keycloakKey, ivy, wrong).then().statusCode(200);
        }
        Mfa.verify(vpnKey, ivy, next).then().statusCode(200).body("valid", equalTo(true));
        Mfa.verify(keycloakKey, ivy, wrong).then().statusCode(200);
        Mfa.verify(vpnKey, ivy, wrong).then().statusCode(423);
        status(ivy).then().body("locked", equalTo(true));
        // the VPN's lock told her nothing (a compromised VPN must not teach people to ignore lock mail);
        // Keycloak's did
        assertThat(admin().get("/api/v1/audit/events?format=jsonl&type=mfa.locked&subject=" + ivy).then()
                .statusCode(200).extract().asString().lines().toList()).hasSize(2);
        assertThat(Api.claimNotices(keycloakKey, ivy)).filteredOn(notice -> "lockout".equals(notice.get("kind")))
                .hasSize(1);
    }

    /** A service learns its own lock of a person, not which other services they use. */
    @Test
    void aServiceSeesOnlyItsOwnLock() {
        String ike = uniqueName("ike");
        Mfa.decide(keycloakKey, ike, List.of(), List.of(), List.of()).then().statusCode(200);
        Mfa.Enrolled enrolled = Mfa.enrol(keycloakKey, ike);
        String wrong = Mfa.wrongCode(enrolled.secret());
        for (int i = 0; i < 5; i++) {
            Mfa.verify(vpnKey, ike, wrong).then().statusCode(200);
        }
        String git = uniqueName("git");
        String gitKey = createService(git, "mfa");
        as(gitKey).get("/api/v1/subjects/" + ike + "/mfa").then().statusCode(200)
                .body("lockedAtServices", equalTo(Map.of()));
        as(vpnKey).get("/api/v1/subjects/" + ike + "/mfa").then().statusCode(200)
                .body("lockedAtServices." + vpn, notNullValue());
    }

    /** Keycloak says una is in a group whose policy blocks variants; the VPN cannot state otherwise. */
    @Test
    void aVpnsCheckFollowsThePolicyOfTheGroupsKeycloakStated() {
        String group = uniqueName("treasury");
        admin().body(Map.of("appliesTo", Map.of("groups", List.of(group)), "mfa", Map.of("required", true,
                "methods", List.of("totp"), "enrolmentGraceDays", 7), "passwords", Map.of("reuse", "block",
                "variantReuse", "block", "breached", "block", "minLength", 20)))
                .put("/api/v1/admin/policies/" + group).then().statusCode(201);
        try {
            Mfa.decide(keycloakKey, una, List.of("/" + group), List.of(), List.of("webauthn")).then().statusCode(200);
            as(vpnKey).body(Map.of("subject", una, "service", vpn, "password", "Short-But-Fine-9",
                    "groups", List.of())).post("/api/v1/credentials/check").then().statusCode(200)
                    .body("action", equalTo("BLOCK")).body("findings[0].type", equalTo("TOO_SHORT"))
                    .body("findings[0].minLength", equalTo(20));
        } finally {
            admin().delete("/api/v1/admin/policies/" + group);
        }
    }

    @Test
    void enrolWithoutIdpIsRefusedWithTheReason() {
        admin().body(Map.of("name", uniqueName("kc"), "scopes", List.of("mfa", "enrol")))
                .post("/api/v1/admin/services").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("scopes"))
                .body("errors[0].message", containsString("enrol is for the identity provider alone"));
    }

    static Map<String, Object> credentialEvent(String id, String type, String subject) {
        return Map.of("id", id, "time", Instant.now().toString(), "type", type, "subject", subject,
                "outcome", "success", "details", Map.of("credential_type", "webauthn", "realm", "employees"));
    }
}
