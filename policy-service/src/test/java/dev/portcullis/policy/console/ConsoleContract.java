package dev.portcullis.policy.console;

import static dev.portcullis.policy.support.Api.admin;
import static dev.portcullis.policy.support.Api.createService;
import static dev.portcullis.policy.support.Api.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import dev.portcullis.policy.persistence.Database;
import dev.portcullis.policy.support.Api;
import dev.portcullis.policy.support.Mfa;
import dev.portcullis.policy.support.People;
import dev.portcullis.policy.support.Tables;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The admin console, page by page and role by role: carol (policy-admin) may change things, dave
 * (policy-auditor) may only read, erin (no console role) gets a 403 page, and nobody signed out
 * gets anything but a redirect to Keycloak.
 */
abstract class ConsoleContract {

    @Inject
    Database database;

    static final List<String> PAGES = List.of("/console", "/console/policies", "/console/policies/baseline",
            "/console/subjects", "/console/services", "/console/reuse", "/console/audit");

    String key;
    String team;

    @BeforeEach
    void setUp() {
        key = createService(uniqueName("kc"), "mfa", "enrol", "idp", "credentials");
        team = uniqueName("team");
    }

    /** Without a session or token no page is served (the sign-in redirect itself is tested end to end). */
    @Test
    void signedOutPeopleSeeNoPage() {
        for (String page : PAGES) {
            io.restassured.RestAssured.given().redirects().follow(false).get(page)
                    .then().statusCode(401).body(not(containsString("<nav")));
        }
        io.restassured.RestAssured.given().get("/api/v1/admin/policies")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "auditor"})
    void everyPageRendersForBothRoles(String role) {
        String token = "admin".equals(role) ? People.admin() : People.auditor();
        String name = "admin".equals(role) ? "carol" : "dave";
        for (String page : PAGES) {
            People.as(token).get(page).then().statusCode(200).contentType(containsString("text/html"))
                    .header("Content-Security-Policy", containsString("default-src 'self'"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .body(containsString(name + " · " + role))
                    .body(containsString("<nav aria-label=\"Sections\">"));
        }
    }

    @Test
    void someoneWithoutAConsoleRoleGetsA403Page() {
        for (String page : PAGES) {
            People.as(People.employee()).get(page).then().statusCode(403).contentType(containsString("text/html"))
                    .body(containsString("policy-admin or policy-auditor role"))
                    .body(not(containsString("<nav aria-label=\"Sections\">")));
        }
        People.as(People.employee()).get("/api/v1/admin/policies").then().statusCode(403);
    }

    @Test
    void theAuditorCannotChangeAnythingInTheConsoleOrTheApi() {
        String subject = uniqueName("ann");
        Mfa.decide(key, subject, List.of(), List.of(), List.of()).then().statusCode(200);
        for (String page : List.of("/console/policies/new", "/console/policies/baseline/delete",
                "/console/subjects/" + subject + "/reset-totp", "/console/subjects/" + subject + "/unlock")) {
            People.as(People.auditor()).get(page).then().statusCode(403)
                    .body(containsString("lets you read and export, not change anything"));
        }
        // the forms an auditor can open show no buttons that change things
        People.as(People.auditor()).get("/console/policies/baseline").then().statusCode(200)
                .body(containsString("<fieldset disabled>")).body(not(containsString("Preview the effect")));
        People.as(People.auditor()).get("/console/subjects/" + subject).then().statusCode(200)
                .body(not(containsString("Reset TOTP")));
        // a forged post with a valid CSRF token is still refused
        ConsoleForms.post(People.auditor(), "/console/policies/baseline", "/console/subjects/" + subject + "/unlock", Map.of())
                .then().statusCode(403);
        // and the API says 403 to the same person's token
        People.as(People.auditor()).contentType("application/json")
                .body(PolicyDocuments.requiring(List.of(team), 0)).put("/api/v1/admin/policies/" + uniqueName("p"))
                .then().statusCode(403).contentType("application/problem+json");
        People.as(People.auditor()).delete("/api/v1/admin/subjects/" + subject + "/totp").then().statusCode(403);
        People.as(People.auditor()).get("/api/v1/admin/policies").then().statusCode(200);
        People.as(People.auditor()).get("/api/v1/audit/events?format=csv").then().statusCode(200);
    }

    @Test
    void theApiTakesPersonTokensAndAuditsThePerson() {
        String policy = uniqueName("p");
        People.as(People.admin()).contentType("application/json").body(PolicyDocuments.requiring(List.of(team), 0))
                .put("/api/v1/admin/policies/" + policy).then().statusCode(201);
        admin().get("/api/v1/audit/events?format=jsonl&type=policy.created").then().statusCode(200)
                .body(containsString("\"actor\":\"person:carol\""));
    }

    @Test
    void tokensThatAreForgedExpiredOrClaimServiceRolesGetNothing() throws Exception {
        People.as(People.forged("mallory", List.of("policy-admin"))).get("/api/v1/admin/policies")
                .then().statusCode(401);
        People.as(People.expired("carol", List.of("policy-admin"))).get("/api/v1/admin/policies")
                .then().statusCode(401);
        // a realm role named like a service role never makes a person a service
        String person = People.token("svc", List.of("service", "scope:mfa", "scope:events", "scope:credentials"));
        People.as(person).contentType("application/json").body(Map.of("subject", "x"))
                .post("/api/v1/decisions/login").then().statusCode(403);
        People.as(person).get("/api/v1/admin/policies").then().statusCode(403);
    }

    @Test
    void formsWithoutTheirCsrfTokenAreRefused() {
        String subject = uniqueName("bo");
        Mfa.decide(key, subject, List.of(), List.of(), List.of()).then().statusCode(200);
        People.as(People.admin()).contentType("application/x-www-form-urlencoded").formParam("x", "1")
                .post("/console/subjects/" + subject + "/unlock").then().statusCode(400);
        People.as(People.admin()).contentType("application/x-www-form-urlencoded").formParam("csrf", "forged")
                .cookie("portcullis-csrf", "other").post("/console/subjects/" + subject + "/unlock")
                .then().statusCode(400);
        People.as(People.admin()).post("/console/subjects/" + subject + "/unlock").then()
                .statusCode(anyOf(is(400), is(415)));
        People.as(People.admin()).contentType("application/json").body("{}")
                .post("/console/subjects/" + subject + "/unlock").then().statusCode(415);
        admin().get("/api/v1/audit/events?format=jsonl&type=mfa.unlocked&subject=" + subject).then()
                .statusCode(200).body(equalTo(""));
    }

    @Test
    void aPolicyIsPreviewedThenSavedAndDecisionsFollowIt() {
        String ann = uniqueName("ann");
        String ben = uniqueName("ben");
        Mfa.decide(key, ann, List.of("/" + team), List.of(), List.of()).then().statusCode(200);
        Mfa.decide(key, ben, List.of("/" + team), List.of(), List.of()).then().statusCode(200);
        String policy = uniqueName("p");
        Map<String, Object> form = policyForm(policy, team, "0");

        Response preview = ConsoleForms.post(People.admin(), "/console/policies/new", "/console/policies",
                with(form, "action", "preview"));
        preview.then().statusCode(200)
                .body(containsString("It applies to 2 of "))
                .body(containsString("<p id=\"preview-changed\">2 of them would see a different demand"))
                .body(containsString("<p id=\"preview-must-enrol\">2 would have to enrol at once."))
                .body(containsString("Save policy"));
        admin().get("/api/v1/admin/policies/" + policy).then().statusCode(404);

        ConsoleForms.post(People.admin(), "/console/policies/new", "/console/policies", with(form, "action", "save"))
                .then().statusCode(303).header("Location", containsString("/console/policies?saved=" + policy));
        admin().get("/api/v1/admin/policies/" + policy).then().statusCode(200)
                .body("mfa.enrolmentGraceDays", equalTo(0));
        Mfa.decide(key, ann, List.of("/" + team), List.of(), List.of()).then().statusCode(200)
                .body("action", equalTo("ENROL"));

        People.as(People.admin()).get("/console/policies?saved=" + policy).then().statusCode(200)
                .body(containsString("Policy " + policy + " saved."))
                .body(containsString("group /" + team));
    }

    @Test
    void pagesSpeakJapaneseWhenTheBrowserAsksForIt() {
        People.as(People.admin()).header("Accept-Language", "ja-JP,ja;q=0.9,en;q=0.8").get("/console")
                .then().statusCode(200)
                .body(containsString("<html lang=\"ja\">"))
                .body(containsString("<h1>MFA の遵守状況</h1>"))
                .body(containsString(">ポリシー</a>"))
                .body(containsString("carol · 管理者"))
                .body(containsString("TOTP 登録済みの利用者 (過去 30 日間)"))
                .body(containsString("id=\"lang-en\""));
        // the person's own choice (the switch's cookie) wins over the browser's
        People.as(People.admin()).header("Accept-Language", "ja").cookie("portcullis-lang", "en").get("/console")
                .then().statusCode(200).body(containsString("<html lang=\"en\">"))
                .body(containsString("<h1>MFA compliance</h1>")).body(containsString("id=\"lang-ja\""));
        // a language the console does not speak gives English; a header that is not one, a 400 page
        for (String header : List.of("fr-FR, de;q=0.5", "*;q=0")) {
            People.as(People.admin()).header("Accept-Language", header).get("/console")
                    .then().statusCode(200).body(containsString("<html lang=\"en\">"));
        }
        People.as(People.admin()).header("Accept-Language", "ja;q=banana").get("/console")
                .then().statusCode(400).contentType(containsString("text/html")).body(containsString("HTTP 400"));
        io.restassured.RestAssured.given().header("Accept-Language", "ja").get("/console/signed-out").then()
                .statusCode(200).body(containsString("<html lang=\"ja\">")).body(containsString("<h1>サインアウトしました</h1>"));
        io.restassured.RestAssured.given().get("/console/signed-out").then()
                .statusCode(200).body(containsString("<html lang=\"en\">")).body(containsString("<h1>You are signed out</h1>"));
        People.as(People.employee()).header("Accept-Language", "ja").get("/console").then().statusCode(403)
                .body(containsString("この操作はできません"))
                .body(containsString("policy-admin または policy-auditor"));
        People.as(People.auditor()).header("Accept-Language", "ja").get("/console/policies/new").then().statusCode(403)
                .body(containsString("あなたのロール (監査担当) では閲覧とエクスポートだけができ"));
    }

    @Test
    void theLanguageSwitchRemembersTheChoiceAndGoesBackOnlyIntoTheConsole() {
        Response switched = People.as(People.admin()).redirects().follow(false).queryParam("to", "ja")
                .queryParam("back", "/console/audit?subject=x%20y").get("/console/language");
        switched.then().statusCode(303).header("Location", containsString("/console/audit?subject=x%20y"));
        assertThat(switched.getHeaders().getValues("Set-Cookie")).filteredOn(c -> c.startsWith("portcullis-lang="))
                .singleElement().asString().startsWith("portcullis-lang=ja;")
                .containsIgnoringCase("Path=/console").containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Lax").containsIgnoringCase("Max-Age=31536000");
        for (String back : List.of("https://evil.example/console", "//evil.example/console", "/consoled",
                "/console\\@evil.example", "/console//evil.example", "", "/console?x=a b")) {
            People.as(People.admin()).redirects().follow(false).queryParam("to", "en").queryParam("back", back)
                    .get("/console/language").then().statusCode(303)
                    .header("Location", anyOf(org.hamcrest.Matchers.endsWith("/console"),
                            org.hamcrest.Matchers.endsWith("/console?x=a%20b")))
                    .header("Location", not(containsString("evil")));
        }
        Response refused = People.as(People.admin()).redirects().follow(false)
                .get("/console/language?to=klingon&back=/console");
        refused.then().statusCode(400).contentType(containsString("text/html"));
        assertThat(refused.getCookie("portcullis-lang")).isNull();
        io.restassured.RestAssured.given().redirects().follow(false).get("/console/language?to=ja")
                .then().statusCode(401);
    }

    @Test
    void fieldMessagesAndConfirmationsAreInJapaneseToo() {
        Map<String, Object> form = policyForm(uniqueName("p"), team, "soon");
        form.put("minLength", "3");
        ConsoleForms.post("ja", People.admin(), "/console/policies/new", "/console/policies", with(form, "action", "save"))
                .then().statusCode(400)
                .body(containsString("保存されていません"))
                .body(containsString("<span class=\"error\" id=\"graceDays-error\">整数で入力してください</span>"))
                .body(containsString("<span class=\"error\" id=\"minLength-error\">8 から 64 の間で指定してください</span>"))
                .body(containsString("<option value=\"block\" selected>ブロック</option>"));
        String subject = uniqueName("jun");
        Mfa.decide(key, subject, List.of("/" + team), List.of(), List.of()).then().statusCode(200);
        People.as(People.admin()).header("Accept-Language", "ja").get("/console/subjects/" + subject + "/unlock")
                .then().statusCode(200).body(containsString("<h1>" + subject + " のロックを解除しますか?</h1>"))
                .body(containsString(">ロックを解除</button>"));
    }

    /** Words from the messages are escaped like any other text: a name cannot become markup in either language. */
    @ParameterizedTest
    @ValueSource(strings = {"en", "ja"})
    void namesInsideMessagesAreEscaped(String language) {
        People.as(People.admin()).header("Accept-Language", language)
                .queryParam("q", "<img src=x onerror=alert(1)>").get("/console/subjects")
                .then().statusCode(200)
                .body(containsString("&lt;img src=x onerror=alert(1)&gt;"))
                .body(not(containsString("<img src=x")));
    }

    @Test
    void wrongFieldsComeBackWithTheirMessagesAndNothingIsSaved() {
        String policy = uniqueName("p");
        Map<String, Object> form = policyForm(policy, team, "soon");
        form.put("minLength", "3");
        form.remove("totp");
        form.remove("webauthn");
        ConsoleForms.post(People.admin(), "/console/policies/new", "/console/policies", with(form, "action", "save"))
                .then().statusCode(400)
                .body(containsString("Nothing was saved"))
                .body(containsString("<span class=\"error\" id=\"graceDays-error\">must be a whole number</span>"))
                .body(containsString("<span class=\"error\" id=\"minLength-error\">must be between 8 and 64</span>"))
                .body(containsString("<span class=\"error\" id=\"methods-error\">must name at least one method"))
                .body(containsString("value=\"soon\""));
        form.put("name", "Bad Name!");
        form.put("graceDays", "3");
        ConsoleForms.post(People.admin(), "/console/policies/new", "/console/policies", with(form, "action", "save"))
                .then().statusCode(400).body(containsString("id=\"name-error\""));
        admin().get("/api/v1/admin/policies/" + policy).then().statusCode(404);
    }

    @Test
    void aPolicyIsDeletedAfterAConfirmationAndTheBaselineStays() {
        String policy = uniqueName("p");
        admin().body(PolicyDocuments.requiring(List.of(team), 3)).put("/api/v1/admin/policies/" + policy)
                .then().statusCode(201);
        People.as(People.admin()).get("/console/policies/" + policy + "/delete").then().statusCode(200)
                .body(containsString("Delete policy " + policy + "?"));
        ConsoleForms.post(People.admin(), "/console/policies/" + policy + "/delete",
                "/console/policies/" + policy + "/delete", Map.of()).then().statusCode(303);
        admin().get("/api/v1/admin/policies/" + policy).then().statusCode(404);
        ConsoleForms.post(People.admin(), "/console/policies/baseline/delete", "/console/policies/baseline/delete",
                Map.of()).then().statusCode(409).contentType(containsString("text/html"));
        People.as(People.admin()).get("/console/policies/nope-" + policy).then().statusCode(404)
                .contentType(containsString("text/html")).body(containsString("No policy named"));
    }

    @Test
    void anAdminResetsALostPhoneAndThePersonMustEnrolAgain() {
        String subject = uniqueName("cat");
        Mfa.decide(key, subject, List.of("/" + team), List.of(), List.of()).then().statusCode(200);
        Mfa.enrol(key, subject);
        People.as(People.admin()).get("/console/subjects?q=" + subject.substring(0, 6)).then().statusCode(200)
                .body(containsString("/console/subjects/" + subject));
        People.as(People.admin()).get("/console/subjects/" + subject).then().statusCode(200)
                .body(containsString("<dd id=\"factor\">totp")).body(containsString(">/" + team + "<"));
        People.as(People.admin()).get("/console/subjects/" + subject + "/reset-totp").then().statusCode(200)
                .body(containsString("Reset TOTP for " + subject + "?"));
        ConsoleForms.post(People.admin(), "/console/subjects/" + subject + "/reset-totp",
                "/console/subjects/" + subject + "/reset-totp", Map.of())
                .then().statusCode(303).header("Location", containsString("done=reset"));
        People.as(People.admin()).get("/console/subjects/" + subject + "?done=reset").then().statusCode(200)
                .body(containsString("must enrol again")).body(containsString("<dd id=\"factor\">none"));
        Mfa.decide(key, subject, List.of("/" + team), List.of(), List.of()).then().statusCode(200)
                .body("action", not(equalTo("VERIFY_TOTP")));
        admin().get("/api/v1/audit/events?format=jsonl&type=mfa.totp.reset&subject=" + subject).then()
                .statusCode(200).body(containsString("\"actor\":\"person:carol\""));
        People.as(People.admin()).get("/console/subjects/nobody-" + subject).then().statusCode(404)
                .body(containsString("No subject"));
    }

    @Test
    void aNewServiceKeyIsShownOnceAndWorks() {
        String name = uniqueName("vpn");
        Response created = ConsoleForms.post(People.admin(), "/console/services", "/console/services",
                Map.of("name", name, "scopes", "mfa"));
        created.then().statusCode(200).header("Cache-Control", "no-store")
                .body(containsString("shown only this once")).body(containsString("data-copy=\"api-key\""));
        String apiKey = created.asString().replaceAll("(?s).*<code id=\"api-key\">([^<]+)</code>.*", "$1");
        Api.as(apiKey).body(Map.of("subject", uniqueName("dan"))).post("/api/v1/decisions/login")
                .then().statusCode(200);
        People.as(People.admin()).get("/console/services").then().statusCode(200)
                .body(containsString(name)).body(not(containsString(apiKey)));

        Response rotated = ConsoleForms.post(People.admin(), "/console/services/" + name + "/rotate",
                "/console/services/" + name + "/rotate", Map.of());
        rotated.then().statusCode(200).body(containsString("New key for " + name));
        Api.as(apiKey).body(Map.of("subject", "x")).post("/api/v1/decisions/login").then().statusCode(401);

        ConsoleForms.post(People.admin(), "/console/services/" + name + "/revoke",
                "/console/services/" + name + "/revoke", Map.of()).then().statusCode(303);
        admin().get("/api/v1/admin/services").then().body(not(containsString(name)));

        ConsoleForms.post(People.admin(), "/console/services", "/console/services", Map.of("name", "Bad!"))
                .then().statusCode(400).body(containsString("id=\"service-name-error\""));
    }

    /** A signed-in admin sees the bootstrap token's state and switches it off for the next request. */
    @Test
    void anAdminSwitchesTheBootstrapTokenOffFromTheServicesPage() {
        try {
            admin().get("/api/v1/admin/services").then().statusCode(200);
            People.as(People.auditor()).get("/console/services").then().statusCode(200)
                    .body(containsString("Bootstrap admin token")).body(containsString("whoever holds"))
                    .body(not(containsString("id=\"bootstrap-switch-off\"")));
            ConsoleForms.post(People.admin(), "/console/services/bootstrap-token/disable",
                    "/console/services/bootstrap-token/disable", Map.of()).then().statusCode(303)
                    .header("Location", containsString("/console/services?done=bootstrap-off"));
            admin().get("/api/v1/admin/services").then().statusCode(401)
                    .body("detail", containsString("switched off at"));
            People.as(People.admin()).get("/console/services?done=bootstrap-off").then().statusCode(200)
                    .body(containsString("id=\"bootstrap-off\"")).body(containsString("Switched off by person:carol"))
                    .body(not(containsString("id=\"bootstrap-switch-off\"")));
        } finally {
            Tables.update(database,
                    "UPDATE bootstrap_token SET disabled_at = NULL, disabled_by = NULL WHERE id = 1");
        }
        admin().get("/api/v1/admin/services").then().statusCode(200);
    }

    @Test
    void anAdminPinsAServiceToItsCertificatesAndEveryoneSeesThePins() {
        String pinA = "sha256/B8LGeVPxgAxmi+XvOVymeoRu0IT/oxZ6wvY8lJnhpKw=";
        String name = uniqueName("vpn");
        admin().body(Map.of("name", name, "scopes", List.of("mfa"), "certificatePins", List.of(pinA)))
                .post("/api/v1/admin/services").then().statusCode(201);
        People.as(People.auditor()).get("/console/services").then().statusCode(200)
                .body(containsString("<code>" + pinA + "</code>")).body(containsString("not pinned"))
                .body(not(containsString("/console/services/" + name + "/pins")));
        People.as(People.auditor()).get("/console/services/" + name + "/pins").then().statusCode(403);

        String pins = "/console/services/" + name + "/pins";
        People.as(People.admin()).get(pins).then().statusCode(200).body(containsString("value=\"" + pinA + "\""));
        ConsoleForms.post(People.admin(), pins, pins, Map.of("pin1", "", "pin2", "12:34"))
                .then().statusCode(400).body(containsString("id=\"pin2-error\""))
                .body(containsString("does not pin its key"));
        ConsoleForms.post(People.admin(), pins, pins, Map.of("pin1", pinA, "pin2", "ab".repeat(32)))
                .then().statusCode(303).header("Location", containsString("/console/services?pinned=" + name));
        admin().get("/api/v1/admin/services").then().body("find { it.name == '" + name + "' }.certificatePins",
                equalTo(List.of(pinA, "sha256/q6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6s=")));
        People.as(People.admin()).get("/console/services?pinned=" + name).then().statusCode(200)
                .body(containsString("Certificate pins of " + name + " saved"));
        ConsoleForms.post(People.admin(), pins, pins, Map.of("pin1", "", "pin2", "")).then().statusCode(303);
        admin().get("/api/v1/admin/services").then()
                .body("find { it.name == '" + name + "' }.certificatePins", equalTo(List.of()));
        admin().get("/api/v1/audit/events?format=jsonl&type=service.certificate-pins-changed").then()
                .body(containsString("\"actor\":\"person:carol\""));
    }

    @Test
    void theDashboardCountsCoverageDeadlinesAndLockouts() {
        String policy = uniqueName("p");
        admin().body(PolicyDocuments.requiring(List.of(team), 3)).put("/api/v1/admin/policies/" + policy)
                .then().statusCode(201);
        String enrolled = uniqueName("eve");
        String waiting = uniqueName("fay");
        Mfa.decide(key, enrolled, List.of("/" + team), List.of(), List.of()).then().statusCode(200);
        Mfa.decide(key, waiting, List.of("/" + team), List.of(), List.of()).then().statusCode(200);
        Mfa.enrol(key, enrolled);
        People.as(People.auditor()).get("/console").then().statusCode(200)
                .body(containsString("<tr><td>/" + team + "</td><td>1 / 2</td>"))
                .body(containsString("/console/subjects/" + waiting))
                .body(containsString("<svg"))
                .body(containsString("TOTP enrolments over the last 30 days"))
                .body(containsString("id=\"method-security-key\"")).body(containsString("Security key"))
                .body(containsString("Passkey"));
    }

    /** A service's events key forges a lockout dated 2099: it is stored as the service's, and not counted. */
    @Test
    void aForgedFutureLockoutFromAServiceIsNotCountedAsALockout() {
        long before = lockouts();
        String events = createService(uniqueName("vpn"), "events");
        Map<String, Object> forged = new HashMap<>(Api.event("mfa.locked", uniqueName("ann")).get(0));
        forged.put("time", "2099-01-01T00:00:00Z");
        Api.as(events).body(List.of(forged)).post("/api/v1/events").then().statusCode(200);
        assertThat(lockouts()).isEqualTo(before);
        admin().get("/api/v1/audit/events?format=jsonl&subject=" + forged.get("subject")).then().statusCode(200)
                .body(containsString(":mfa.locked\"")).body(containsString("\"timeInFuture\":true"));
        // the console's viewer goes by when it was recorded (today), not by the date its sender wrote (2099)
        String tomorrow = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1) + "T00:00";
        People.as(People.auditor()).get("/console/audit?subject=" + forged.get("subject") + "&to=" + tomorrow)
                .then().statusCode(200).body(containsString(":mfa.locked"));
        // changed on purpose: the export API goes by recording time too, unless asked by=event
        admin().get("/api/v1/audit/events?format=jsonl&subject=" + forged.get("subject") + "&to=" + tomorrow
                + ":00Z").then().statusCode(200).body(containsString(":mfa.locked"));
        admin().get("/api/v1/audit/events?format=jsonl&by=event&subject=" + forged.get("subject") + "&to=" + tomorrow
                + ":00Z").then().statusCode(200).body(not(containsString(":mfa.locked")));
    }

    long lockouts() {
        String page = People.as(People.auditor()).get("/console").then().statusCode(200).extract().asString();
        java.util.regex.Matcher count = java.util.regex.Pattern.compile("id=\"lockouts\"[^>]*>\\s*(\\d+)")
                .matcher(page);
        assertThat(count.find()).as(page).isTrue();
        return Long.parseLong(count.group(1));
    }

    @Test
    void theAuditViewerFiltersPagesAndLinksExportsWithTheSameFilters() {
        String subject = uniqueName("gus");
        for (int i = 0; i < 3; i++) {
            Mfa.decide(key, subject, List.of(), List.of(), List.of()).then().statusCode(200);
        }
        Mfa.startEnrolment(key, subject);
        String page = People.as(People.auditor()).get("/console/audit?subject=" + subject + "&outcome=success")
                .then().statusCode(200).extract().asString();
        assertThat(page).contains("mfa.totp.enrolment-started")
                .contains("/console/audit/export?format=csv&amp;subject=" + subject + "&amp;outcome=success")
                .contains("/console/audit/export?format=jsonl&amp;subject=" + subject + "&amp;outcome=success")
                .contains("/console/audit/export?format=cef&amp;subject=" + subject + "&amp;outcome=success");
        People.as(People.auditor()).get("/console/audit?subject=" + subject + "&type=nothing.like.this")
                .then().statusCode(200).body(containsString("No event matches."));
        People.as(People.auditor()).get("/console/audit?from=2026-01-01T00:00&to=tomorrow")
                .then().statusCode(400).body(containsString("must be a date and time"));
        People.as(People.auditor()).get("/console/audit?outcome=maybe").then().statusCode(400);
        // the export link works with the person's own sign-in, and streams what the export API does
        People.as(People.auditor()).get("/console/audit/export?format=csv&subject=" + subject).then().statusCode(200)
                .contentType(containsString("text/csv"))
                .body(containsString("mfa.totp.enrolment-started"));
        People.as(People.employee()).get("/console/audit/export?format=csv").then().statusCode(403);
    }

    @Test
    void theAuditViewerPagesFiftyAtATime() {
        String subject = uniqueName("hal");
        String events = createService(uniqueName("idp"), "events");
        List<Map<String, Object>> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 55; i++) {
            batch.addAll(Api.event("LOGIN", subject));
        }
        Api.as(events).body(batch).post("/api/v1/events").then().statusCode(200);
        String first = People.as(People.auditor()).get("/console/audit?subject=" + subject).then().statusCode(200)
                .extract().asString();
        assertThat(first.split("<td>LOGIN</td>", -1)).hasSize(51);
        String older = first.replaceAll("(?s).*<a href=\"([^\"]+)\" rel=\"next\" id=\"older\">.*", "$1")
                .replace("&amp;", "&");
        assertThat(older).startsWith("/console/audit?before=").contains("subject=" + subject);
        String second = People.as(People.auditor()).get(older).then().statusCode(200).extract().asString();
        assertThat(second.split("<td>LOGIN</td>", -1)).hasSize(6);
        assertThat(second).doesNotContain("id=\"older\"");
    }

    @Test
    void theReusePageNamesServicesAndNeverASecret() {
        String subject = Api.signedInOnce(uniqueName("ida"));
        String vpn = uniqueName("vpn");
        String vpnKey = createService(vpn, "credentials");
        String password = "Correct-Horse-" + subject;
        Api.as(vpnKey).body(Map.of("password", password)).put("/api/v1/credentials/" + subject + "/" + vpn)
                .then().statusCode(204);
        String git = uniqueName("git");
        String gitKey = createService(git, "credentials");
        Api.as(gitKey).body(Map.of("password", password)).put("/api/v1/credentials/" + subject + "/" + git)
                .then().statusCode(204);
        String page = People.as(People.auditor()).get("/console/reuse?after=" + subject.substring(0, 3))
                .then().statusCode(200).extract().asString();
        assertThat(page).contains(subject).contains("REUSED").contains(git + ", " + vpn).doesNotContain(password);
    }

    static Map<String, Object> policyForm(String name, String group, String graceDays) {
        Map<String, Object> form = new HashMap<>();
        form.put("name", name);
        form.put("groups", "/" + group);
        form.put("roles", "");
        form.put("clients", "");
        form.put("required", "true");
        form.put("totp", "true");
        form.put("webauthn", "true");
        form.put("graceDays", graceDays);
        form.put("effectiveFrom", "");
        form.put("reuse", "block");
        form.put("variantReuse", "warn");
        form.put("breached", "block");
        form.put("minLength", "10");
        return form;
    }

    static Map<String, Object> with(Map<String, Object> form, String key, String value) {
        Map<String, Object> copy = new HashMap<>(form);
        copy.put(key, value);
        return copy;
    }
}
