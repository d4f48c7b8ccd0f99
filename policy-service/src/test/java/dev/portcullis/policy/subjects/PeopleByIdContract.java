package dev.portcullis.policy.subjects;

import static dev.portcullis.policy.support.Api.admin;
import static dev.portcullis.policy.support.Api.as;
import static dev.portcullis.policy.support.Api.claimNotices;
import static dev.portcullis.policy.support.Api.createService;
import static dev.portcullis.policy.support.Api.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.portcullis.policy.support.Mfa;
import dev.portcullis.policy.support.ReferenceTotp;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * People are keyed on Keycloak's immutable user id: a renamed account keeps its factors and its history,
 * a new account that takes an old name inherits nothing, and names that fold alike under NFKC are two
 * people. Keycloak's key (idp) names people by id; a VPN's (no idp) finds whoever has a name now.
 */
abstract class PeopleByIdContract {

    static final String ID = "X-Portcullis-Subject-Id";
    static final String CREATED = "X-Portcullis-Subject-Created";
    static final String REALM = "X-Portcullis-Subject-Realm";

    @jakarta.inject.Inject
    dev.portcullis.policy.persistence.Database database;

    String keycloakKey;
    String vpnKey;

    @BeforeEach
    void setUp() {
        keycloakKey = createService(uniqueName("keycloak"), "mfa", "enrol", "idp", "events");
        vpnKey = createService(uniqueName("vpn"), "mfa", "credentials");
    }

    /** Keycloak's key, saying the call is about account {@code id} of realm employees, made an hour ago. */
    RequestSpecification keycloak(String id) {
        return keycloak(id, "employees");
    }

    RequestSpecification keycloak(String id, String realm) {
        return as(keycloakKey).header(ID, id).header(CREATED, Instant.now().minus(Duration.ofHours(1)).toEpochMilli())
                .header(REALM, realm);
    }

    String decide(String id, String name) {
        return decide(keycloak(id), name);
    }

    String decide(RequestSpecification as, String name) {
        return as.body(Map.of("subject", name, "groups", List.of(), "roles", List.of(),
                "enrolledMethods", List.of())).post("/api/v1/decisions/login").then().statusCode(200).extract()
                .path("action");
    }

    /** Enrols TOTP through Keycloak for account {@code id} named {@code name}; returns the secret. */
    String enrol(String id, String name) {
        String secret = keycloak(id).post("/api/v1/subjects/" + name + "/totp/enrolment").then().statusCode(201)
                .extract().path("secret");
        keycloak(id).body(Map.of("code", ReferenceTotp.now(secret)))
                .post("/api/v1/subjects/" + name + "/totp/enrolment/confirm").then().statusCode(200);
        return secret;
    }

    List<String> audit(String subject) {
        return audit(subject, "");
    }

    List<String> audit(String subject, String by) {
        return admin().get("/api/v1/audit/events?format=jsonl&subject=" + subject + by).then().statusCode(200)
                .extract().asString().lines().toList();
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    @Test
    void aRenamedAccountKeepsItsFactorAndItsHistory() {
        String id = newId();
        String before = uniqueName("rita");
        String after = uniqueName("rita.renamed");
        assertThat(decide(id, before)).isEqualTo("ENROL_OPTIONAL");
        String secret = enrol(id, before);

        assertThat(decide(id, after)).as("the same person, asked for a code").isEqualTo("VERIFY");
        admin().get("/api/v1/admin/subjects/" + after + "/mfa").then().statusCode(200)
                .body("enrolledMethods", equalTo(List.of("totp"))).body("username", equalTo(after))
                .body("subject", equalTo(before)); // the key the audit log knows them by
        // the VPN finds her by her new name, with her own authenticator
        Mfa.verify(vpnKey, after, ReferenceTotp.code(secret, ReferenceTotp.step(Instant.now()) + 1)).then()
                .statusCode(200).body("valid", equalTo(true));
        // and no longer by the old one: that name is nobody's now
        Mfa.verify(vpnKey, before, "123456").then().statusCode(404);
        List<String> history = audit(after);
        assertThat(history).anyMatch(line -> line.contains("\"type\":\"mfa.totp.enrolment-confirmed\""))
                .anyMatch(line -> line.contains("\"type\":\"subject.renamed\"") && line.contains("\"to\":\"" + after));
    }

    @Test
    void aNewAccountWithAnOldNameInheritsNothing() {
        String first = newId();
        String name = uniqueName("olga");
        decide(first, name);
        String secret = enrol(first, name);

        // the first account is deleted in Keycloak; a new one is made with the same name
        String second = newId();
        assertThat(decide(second, name)).as("a new person: enrol, not the old one's code").isEqualTo("ENROL_OPTIONAL");
        // a service asking by the name reaches the new person, who has no authenticator: the old one's
        // codes open nothing
        as(vpnKey).get("/api/v1/subjects/" + name + "/mfa").then().statusCode(200)
                .body("enrolledMethods", equalTo(List.of())).body("subject", equalTo(name + "~" + second))
                .body("username", equalTo(name));
        Mfa.verify(vpnKey, name, ReferenceTotp.code(secret, ReferenceTotp.step(Instant.now()) + 1)).then()
                .statusCode(409);
        // the name is one person's key and another's name: an admin says which, else a 409 names both
        admin().get("/api/v1/admin/subjects/" + name + "/mfa").then().statusCode(409)
                .body("detail", containsString(name + "~" + second));
        admin().get("/api/v1/admin/subjects/" + name + "/mfa?match=name").then().statusCode(200)
                .body("subject", equalTo(name + "~" + second));
        // the first person keeps their state under their key (as the audit log names them), without the name
        admin().get("/api/v1/admin/subjects/" + name + "/mfa?match=key").then().statusCode(200)
                .body("enrolledMethods", equalTo(List.of("totp"))).body("subject", equalTo(name))
                .body("username", equalTo(null));
        assertThat(audit(name, "&match=key")).anyMatch(line -> line.contains("\"type\":\"subject.name-released\""))
                .anyMatch(line -> line.contains("\"type\":\"mfa.totp.enrolment-confirmed\""));
        assertThat(audit(name + "~" + second, "&match=key")).noneMatch(line -> line.contains("mfa.totp"));
        // were the first account to sign in again under a new name, its factor is still its own
        assertThat(decide(first, uniqueName("olga.old"))).isEqualTo("VERIFY");
    }

    @Test
    void theConsoleReachesEachPersonByTheirKeyAndShowsTheirNameNow() {
        String first = newId();
        String name = uniqueName("vera");
        decide(first, name);
        enrol(first, name);
        String renamed = uniqueName("vera.moved");
        decide(first, renamed);
        String second = newId();
        decide(second, name); // a new account takes the old name
        RequestSpecification console = dev.portcullis.policy.support.People.as(
                dev.portcullis.policy.support.People.admin());
        // the search finds both, each linked by the key that reaches them, under the name they have now
        String found = console.get("/console/subjects?q=" + name).then().statusCode(200).extract().asString();
        assertThat(found).contains("href=\"/console/subjects/" + name + "\">" + renamed + "</a>")
                .contains("href=\"/console/subjects/" + name + "%7E" + second + "\">" + name + "</a>");
        // the renamed person's page: their name now, and its buttons act on them, not on the new account
        String page = dev.portcullis.policy.support.People.as(dev.portcullis.policy.support.People.admin())
                .get("/console/subjects/" + name).then().statusCode(200).extract().asString();
        assertThat(page).contains("<h1>" + renamed + "</h1>").contains("/console/subjects/" + name + "/reset-totp")
                .doesNotContain(name + "~" + second);
        // a protected person's reset waits for a second admin: the request is listed under their name now
        String admin = dev.portcullis.policy.support.People.admin();
        String pam = newId();
        String pamFirst = uniqueName("pam");
        String pamNow = uniqueName("pam.moved");
        for (String pamName : List.of(pamFirst, pamNow)) {
            keycloak(pam).body(Map.of("subject", pamName, "groups", List.of(), "roles", List.of("policy-admin"),
                    "enrolledMethods", List.of())).post("/api/v1/decisions/login").then().statusCode(200);
        }
        dev.portcullis.policy.support.People.as(admin).delete("/api/v1/admin/subjects/" + pamNow + "/totp").then()
                .statusCode(202);
        assertThat(dev.portcullis.policy.support.People.as(admin).get("/console/approvals").then().statusCode(200)
                .extract().asString()).contains("href=\"/console/subjects/" + pamFirst + "\">" + pamNow + "</a>");
    }

    @Test
    void namesThatFoldAlikeUnderNfkcAreTwoPeople() {
        String ascii = uniqueName("ivan");
        String fullWidth = fullWidth(ascii);
        assertThat(java.text.Normalizer.normalize(fullWidth, java.text.Normalizer.Form.NFKC)).isEqualTo(ascii);
        String asciiId = newId();
        decide(asciiId, ascii);
        enrol(asciiId, ascii);

        assertThat(decide(newId(), fullWidth)).as("the look-alike account has no factor").isEqualTo("ENROL_OPTIONAL");
        assertThat(decide(asciiId, ascii)).isEqualTo("VERIFY");
        admin().get("/api/v1/admin/subjects/" + fullWidth + "/mfa").then().statusCode(200)
                .body("enrolledMethods", equalTo(List.of())).body("subject", equalTo(fullWidth));
        // a service asking by the look-alike name reaches the look-alike, never ivan
        as(vpnKey).get("/api/v1/subjects/" + fullWidth + "/mfa").then().statusCode(200)
                .body("enrolledMethods", equalTo(List.of()));
    }

    @Test
    void aPersonStoredBeforeIdsIsAdoptedByTheirAccountButNotByAYoungerOne() {
        // stored the old way: a decision without an id (an extension from before ids)
        String legacy = uniqueName("lena");
        as(keycloakKey).body(Map.of("subject", legacy)).post("/api/v1/decisions/login").then().statusCode(200);
        enrolWithoutId(legacy);
        String id = newId();
        assertThat(decide(id, legacy)).as("her account is older than her row: it is her").isEqualTo("VERIFY");
        assertThat(audit(legacy)).anyMatch(line -> line.contains("\"type\":\"subject.identified\""));

        String other = uniqueName("lars");
        as(keycloakKey).body(Map.of("subject", other)).post("/api/v1/decisions/login").then().statusCode(200);
        enrolWithoutId(other);
        // an account made after the row was (a new account under a deleted one's name) is someone else
        String younger = as(keycloakKey).header(ID, newId())
                .header(CREATED, Instant.now().plus(Duration.ofHours(1)).toEpochMilli())
                .body(Map.of("subject", other)).post("/api/v1/decisions/login").then().statusCode(200).extract()
                .path("action");
        assertThat(younger).isEqualTo("ENROL_OPTIONAL");
    }

    private void enrolWithoutId(String name) {
        String secret = as(keycloakKey).post("/api/v1/subjects/" + name + "/totp/enrolment").then().statusCode(201)
                .extract().path("secret");
        as(keycloakKey).body(Map.of("code", ReferenceTotp.now(secret)))
                .post("/api/v1/subjects/" + name + "/totp/enrolment/confirm").then().statusCode(200);
    }

    @Test
    void aLateEventNeverMovesANameBack() {
        String id = newId();
        String old = uniqueName("emil");
        String now = uniqueName("emil.new");
        decide(id, old);
        decide(id, now);
        // Keycloak's journal delivers an event from before the rename, under the old name
        as(keycloakKey).body(List.of(Map.of("time", Instant.now().minusSeconds(60).toString(), "type", "LOGIN",
                "subject", old, "subjectId", id, "outcome", "success"))).post("/api/v1/events").then()
                .statusCode(200);
        admin().get("/api/v1/admin/subjects/" + now + "/mfa").then().statusCode(200).body("username", equalTo(now));
        // the event is in the person's history, found by their name now
        assertThat(audit(now)).anyMatch(line -> line.contains("\"type\":\"LOGIN\""));
        Mfa.verify(vpnKey, old, "123456").then().statusCode(404);
    }

    @Test
    void aNoticeGoesToTheAccountNotToWhoeverHasItsOldNameNow() {
        String id = newId();
        String name = uniqueName("nina");
        decide(id, name);
        String renamed = uniqueName("nina.moved");
        decide(id, renamed);
        decide(newId(), name); // a new account takes her old name
        as(keycloakKey).body(List.of(Map.of("time", Instant.now().toString(), "type", "UPDATE_PASSWORD",
                "subject", renamed, "subjectId", id, "outcome", "success", "details", Map.of("realm", "employees"))))
                .post("/api/v1/events").then().statusCode(200);
        List<Map<String, Object>> mine = claimNotices(keycloakKey, name);
        // her key is her first name, which the new account has now: the notice names her account and her name
        assertThat(mine).singleElement().satisfies(notice -> assertThat(notice).containsEntry("userId", id)
                .containsEntry("username", renamed).containsEntry("kind", "password-changed"));
    }

    @Test
    void aServiceCannotClaimAnId() {
        String id = newId();
        String name = uniqueName("uma");
        decide(id, name);
        enrol(id, name);
        // the VPN sends the header too: ignored, it reaches whoever has the name, and names nobody
        String other = uniqueName("mallory");
        as(vpnKey).header(ID, id).get("/api/v1/subjects/" + other + "/mfa").then().statusCode(404);
        admin().get("/api/v1/admin/subjects/" + name + "/mfa").then().statusCode(200).body("username", equalTo(name));
    }

    @Test
    void aMalformedIdIsAClearError() {
        keycloak("x".repeat(300)).body(Map.of("subject", uniqueName("zoe"))).post("/api/v1/decisions/login").then()
                .statusCode(400).contentType("application/problem+json");
        as(keycloakKey).header(ID, newId()).header(CREATED, "yesterday").body(Map.of("subject", uniqueName("zoe")))
                .post("/api/v1/decisions/login").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aLateEventOfAnAccountNotSeenYetChangesNoOneWhoseRowItMightNotBe() {
        // lena's row is from before ids; a new account named lena (not yet seen by id) has a key event
        String name = uniqueName("lena");
        as(keycloakKey).body(Map.of("subject", name)).post("/api/v1/decisions/login").then().statusCode(200);
        as(keycloakKey).body(List.of(Map.of("time", Instant.now().toString(), "type", "UPDATE_CREDENTIAL",
                "subject", name, "subjectId", newId(), "outcome", "success",
                "details", Map.of("credential_type", "webauthn", "realm", "employees"))))
                .post("/api/v1/events").then().statusCode(200);
        admin().get("/api/v1/admin/subjects/" + name + "/mfa").then().statusCode(200)
                .body("enrolledMethods", equalTo(List.of()));
        assertThat(admin().get("/api/v1/audit/events?format=jsonl&type=UPDATE_CREDENTIAL").then().statusCode(200)
                .extract().asString().lines().filter(line -> line.contains(name)).toList())
                .singleElement().satisfies(line -> assertThat(line).contains("\"subjectNotFound\":\"" + name)
                        .doesNotContain("\"subject\":\""));
    }

    @Test
    void aServicesEventUnderAFormerNameIsNobodys() {
        String id = newId();
        String old = uniqueName("ruth");
        decide(id, old);
        decide(id, uniqueName("ruth.new"));
        String vpnEvents = createService(uniqueName("vpn"), "events");
        as(vpnEvents).body(List.of(Map.of("time", Instant.now().toString(), "type", "VPN_LOGIN", "subject", old,
                "outcome", "failure"))).post("/api/v1/events").then().statusCode(200);
        assertThat(audit(old, "&match=key")).noneMatch(line -> line.contains("VPN_LOGIN"));
    }

    @Test
    void aRenameIsNewsToAPreview() {
        String id = newId();
        String name = uniqueName("pia");
        decide(id, name);
        decide(id, name);
        String renamed = uniqueName("pia.moved");
        keycloak(id).body(Map.of("subject", renamed)).post("/api/v1/decisions/login?preview=true").then()
                .statusCode(200).body("settled", equalTo(false));
        keycloak(id).body(Map.of("subject", name)).post("/api/v1/decisions/login?preview=true").then()
                .statusCode(200).body("settled", equalTo(true));
    }

    @Test
    void aRowAReplicaOfAnEarlierReleaseStoredIsFoundByNameAndAdopted() {
        String name = uniqueName("otto");
        // as a replica without V17's columns in its mapping writes it, mid-upgrade
        dev.portcullis.policy.support.Tables.update(database, "INSERT INTO subject_state (subject, first_seen_at,"
                + " failed_attempts, consecutive_lockouts) VALUES (?1, ?2, 0, 0)", name, Instant.now());
        as(vpnKey).get("/api/v1/subjects/" + name + "/mfa").then().statusCode(200).body("subject", equalTo(name));
        String id = newId();
        decide(id, name);
        admin().get("/api/v1/admin/subjects/" + name + "/mfa").then().statusCode(200).body("subject", equalTo(name))
                .body("username", equalTo(name));
        assertThat(audit(name)).anyMatch(line -> line.contains("\"type\":\"subject.identified\""));
    }

    @Test
    void anotherRealmsAccountCannotTakeAName() {
        String id = newId();
        String name = uniqueName("alma");
        decide(id, name);
        String secret = enrol(id, name);
        // a customer realm with self-registration, served by the same policy service
        String intruder = newId();
        assertThat(decide(keycloak(intruder, "customers"), name)).isEqualTo("ENROL_OPTIONAL");
        // the VPN still reaches alma of employees, with her authenticator
        Mfa.verify(vpnKey, name, ReferenceTotp.code(secret, ReferenceTotp.step(Instant.now()) + 1)).then()
                .statusCode(200).body("valid", equalTo(true));
        assertThat(audit(name)).anyMatch(line -> line.contains("\"type\":\"subject.name-clash\""));
        assertThat(decide(id, name)).isEqualTo("VERIFY");
    }

    @Test
    void aNoticeForSomeoneWhoseNameAnotherAccountTookIsNotSentByName() {
        String name = uniqueName("nils");
        as(keycloakKey).body(Map.of("subject", name)).post("/api/v1/decisions/login").then().statusCode(200);
        // a younger account takes the name: the row from before ids keeps its state, without the name
        as(keycloakKey).header(ID, newId()).header(CREATED, Instant.now().plus(Duration.ofHours(1)).toEpochMilli())
                .body(Map.of("subject", name)).post("/api/v1/decisions/login").then().statusCode(200);
        admin().body(Map.of()).post("/api/v1/admin/subjects/" + name + "/access-passes?match=key").then()
                .statusCode(201);
        assertThat(claimNotices(keycloakKey, name)).isEmpty();
        assertThat(audit(name, "&match=key")).anyMatch(line -> line.contains("mfa.notification.failed"));
    }

    @Test
    void anEventOfAnAccountNotStoredYetMakesNoOne() {
        String name = uniqueName("finn");
        as(keycloakKey).body(List.of(Map.of("time", Instant.now().toString(), "type", "UPDATE_CREDENTIAL",
                "subject", name, "subjectId", newId(), "outcome", "success",
                "details", Map.of("credential_type", "webauthn", "realm", "employees"))))
                .post("/api/v1/events").then().statusCode(200);
        admin().get("/api/v1/admin/subjects/" + name + "/mfa").then().statusCode(404);
        // the audit log has it under the name, as before ids
        assertThat(audit(name)).anyMatch(line -> line.contains("\"type\":\"UPDATE_CREDENTIAL\""));
    }

    @Test
    void anAdminTypingARenamedPersonsFirstNameIsAskedWhom() {
        String id = newId();
        String name = uniqueName("hugo");
        decide(id, name);
        decide(id, uniqueName("hugo.moved"));
        // nobody has the name now, but a helpdesk caller saying "I am hugo" may mean a new account
        admin().delete("/api/v1/admin/subjects/" + name + "/totp").then().statusCode(409)
                .body("detail", containsString("?match=key"));
        admin().get("/api/v1/admin/subjects/" + name + "/mfa?match=key").then().statusCode(200)
                .body("subject", equalTo(name));
        admin().get("/api/v1/admin/subjects/" + name + "/mfa?match=name").then().statusCode(404);
    }

    static String fullWidth(String ascii) {
        StringBuilder out = new StringBuilder();
        ascii.chars().forEach(c -> out.append(c > 0x20 && c < 0x7f ? (char) (c - 0x21 + 0xFF01) : (char) c));
        return out.toString();
    }
}
