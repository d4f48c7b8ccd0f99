package dev.portcullis.e2e.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.e2e.support.Chromium;
import dev.portcullis.e2e.support.DemoRealm;
import dev.portcullis.e2e.support.Jwt;
import dev.portcullis.e2e.support.KeycloakProcess;
import dev.portcullis.e2e.support.Phone;
import dev.portcullis.e2e.support.PolicyServiceProcess;
import dev.portcullis.e2e.support.Processes;
import dev.portcullis.e2e.support.Totp;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * The admin console in headless Chromium, signed in through the real Keycloak with the demo realm
 * of the run command (deploy/local/realm-employees.json), against the real policy service:
 * carol (policy-admin) sets up her authenticator at her first sign-in and edits a policy, cora
 * (policy-admin) resets bob's lost phone, dave (policy-auditor) can change nothing, nils (no console
 * role) gets the 403 page. Each test has its own people, so each runs alone and in any order.
 * Screenshots of every page go to target/screenshots.
 */
class ConsoleBrowserIT {

    static final String PASSWORD = "Console-Demo-Pass-2026";
    static final String CONSOLE_SECRET = "console-it-secret-0123456789abcdef0123456789";
    static final Path SCREENSHOTS = Path.of(System.getProperty("portcullis.screenshots", "target/screenshots"));

    @TempDir
    static Path temp;

    static PolicyServiceProcess service;
    static KeycloakProcess keycloak;
    static String key;
    static final Phone PHONE = new Phone();

    @BeforeAll
    static void start() throws Exception {
        int keycloakPort = KeycloakProcess.freePort();
        int servicePort = KeycloakProcess.freePort();
        String issuer = "http://127.0.0.1:" + keycloakPort + "/realms/employees";
        service = PolicyServiceProcess.start(temp.resolve("policy"), servicePort, Map.of(
                "PORTCULLIS_CONSOLE_ISSUER", issuer, "PORTCULLIS_CONSOLE_CLIENT_SECRET", CONSOLE_SECRET));
        key = service.createService("keycloak", List.of("mfa", "enrol", "idp", "credentials", "events"));
        admin("PUT", "/api/v1/admin/policies/engineering", "{\"appliesTo\":{\"groups\":[\"engineering\"]},"
                + "\"mfa\":{\"required\":true,\"methods\":[\"totp\",\"webauthn\"],\"enrolmentGraceDays\":0},"
                + "\"passwords\":{\"reuse\":\"block\",\"variantReuse\":\"warn\",\"breached\":\"block\",\"minLength\":8}}",
                201);
        keycloak = KeycloakProcess.start(List.of(demoRealm(servicePort)),
                Map.of("PORTCULLIS_URL", service.url(), "PORTCULLIS_API_KEY", key), temp.resolve("keycloak"),
                keycloakPort);
    }

    @AfterAll
    static void stop() throws Exception {
        Processes.stopAll(keycloak, service);
    }

    /**
     * The run command's realm, filled in as run.sh fills it, for the console on this test's port. The
     * test alone lets the console's client take a password grant (with the code), to get real access
     * tokens for the API.
     */
    static Map<String, Object> demoRealm(int servicePort) throws Exception {
        // each test has its own people: carol's first sign-in is test one's, cora administers the others
        return DemoRealm.load(servicePort, PASSWORD, CONSOLE_SECRET)
                .clientSetting("portcullis-console", "directAccessGrantsEnabled", true)
                .person("cora", "/engineering", PASSWORD, List.of("default-roles-employees", "policy-admin"))
                .person("hugo", "/engineering", PASSWORD, List.of("default-roles-employees", "policy-admin"))
                .person("nils", "/finance", PASSWORD, List.of("default-roles-employees")).toMap();
    }

    @Test
    void theAdminEditsAPolicyAndTheDecisionApiReflectsIt() throws Exception {
        assertThat(decide("zoe", "/engineering")).contains("\"action\":\"ENROL\"");
        assertThat(PHONE.has("carol")).isFalse();
        try (Chromium browser = signIn("carol")) {
            assertThat(PHONE.has("carol")).as("carol set up her authenticator at her first sign-in").isTrue();
            browser.await("MFA compliance");
            browser.screenshot("01-dashboard");

            browser.follow(By.linkText("Policies"));
            browser.await("New policy");
            browser.screenshot("02-policies");
            browser.follow(By.linkText("engineering"));
            browser.type(By.id("graceDays"), "14");
            browser.screenshot("03-policy-edit");
            browser.follow(By.cssSelector("button[value=preview]"));
            browser.await("If you save this");
            assertThat(browser.find(By.id("preview")).getText()).contains("known subjects");
            browser.screenshot("04-policy-preview");
            browser.follow(By.id("save"));
            browser.await("Policy engineering saved.");
            browser.screenshot("05-policy-saved");
            // the header's switch: Japanese, back on the same page, and kept while moving on
            browser.follow(By.id("lang-ja"));
            browser.await("ポリシー engineering を保存しました。");
            assertThat(browser.find(By.tagName("html")).getAttribute("lang")).isEqualTo("ja");
            browser.follow(By.linkText("ダッシュボード"));
            browser.await("MFA の遵守状況");
            browser.screenshot("05-dashboard-ja");
            browser.follow(By.id("lang-en"));
            browser.await("MFA compliance");
        }
        assertThat(admin("GET", "/api/v1/admin/policies/engineering", null, 200)).contains("\"enrolmentGraceDays\":14");
        assertThat(decide("zoe", "/engineering")).contains("\"action\":\"ENROL_OPTIONAL\"");
        assertThat(admin("GET", "/api/v1/audit/events?format=jsonl&type=policy.updated", null, 200))
                .contains("\"actor\":\"person:carol\"");
    }

    @Test
    void theAdminResetsALostPhoneAndThePersonMustEnrolAgain() throws Exception {
        decide("bob", "/finance");
        enrol("bob", "/finance");
        try (Chromium bob = startSignIn("bob")) {
            bob.find(By.id("portcullis-code-form"));
            bob.screenshot("06-bob-asked-for-his-code");
        }
        try (Chromium browser = signIn("cora")) {
            browser.follow(By.linkText("Subjects"));
            browser.type(By.id("q"), "bo");
            browser.follow(By.cssSelector("form[role=search] button"));
            browser.follow(By.linkText("bob"));
            browser.await("Second factor");
            assertThat(browser.find(By.id("factor")).getText()).startsWith("totp");
            browser.screenshot("07-subject");
            browser.follow(By.id("reset"));
            browser.await("Reset TOTP for bob?");
            browser.screenshot("08-subject-reset-confirm");
            browser.follow(By.id("confirm"));
            browser.await("must enrol again at the next login");
            assertThat(browser.find(By.id("factor")).getText()).startsWith("none");
            browser.screenshot("09-subject-reset-done");

            browser.follow(By.linkText("Services"));
            browser.type(By.id("service-name"), "vpn");
            browser.click(By.id("scope-credentials"));
            browser.follow(By.cssSelector("form.form button[type=submit]"));
            browser.await("shown only this once");
            String apiKey = browser.find(By.id("api-key")).getText();
            browser.click(By.id("copy"));
            browser.await("Copied");
            browser.screenshot("10-service-key");
            assertThat(service.call("POST", "/api/v1/credentials/check", apiKey,
                    "{\"subject\":\"bob\",\"service\":\"vpn\",\"password\":\"Some-Long-Password-1\"}").statusCode()).isEqualTo(200);

            browser.follow(By.linkText("Password reuse"));
            browser.await("people reuse a password");
            browser.screenshot("11-reuse");
            browser.follow(By.linkText("Audit log"));
            browser.type(By.id("subject"), "bob");
            browser.follow(By.cssSelector("form.filters button"));
            browser.await("mfa.totp.reset");
            assertThat(browser.find(By.id("export-csv")).getAttribute("href")).endsWith("format=csv&subject=bob");
            browser.screenshot("12-audit");
            // the export link works with the person's console session, and keeps the filter
            Object csv = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "fetch(document.getElementById('export-csv').href)"
                            + ".then(r => r.text().then(t => done(r.status + '\\n' + t)));");
            assertThat((String) csv).startsWith("200\nid,time,").contains("mfa.totp.reset")
                    .doesNotContain("policy.updated");
        }
        assertThat(admin("GET", "/api/v1/admin/subjects/bob/mfa", null, 200)).contains("\"enrolledMethods\":[]");
        assertThat(decide("bob", "/finance")).contains("\"action\":\"ENROL_OPTIONAL\"");
        try (Chromium bob = startSignIn("bob")) {
            // the console asks for a second factor, with no "later"; after a reset the password alone
            // binds none: bob needs the access pass the helpdesk gives him, then sets one up again
            bob.find(By.id("portcullis-pass-form"));
            assertThat(bob.driver().findElements(By.id("portcullis-enrol-form"))).isEmpty();
            assertThat(bob.driver().findElements(By.cssSelector("button[value=later]"))).isEmpty();
            bob.screenshot("13-bob-needs-a-pass");
            bob.type(By.id("pass"), service.issuePass("bob"));
            bob.follow(By.cssSelector("#portcullis-pass-form input[type=submit]"));
            bob.find(By.id("portcullis-enrol-form"));
            assertThat(bob.driver().findElements(By.id("portcullis-code-form"))).isEmpty();
            bob.screenshot("13-bob-must-set-up-again");
        }
    }

    /**
     * Four eyes: cora asks to reset the authenticator of vera, whose treasury policy binds factors only
     * with an access pass; nothing happens until hugo, a second admin, approves. Cora cannot approve her
     * own request, in the console or through the API. Then cora issues walt, an ordinary employee, an
     * access pass herself: shown once, listed, revoked.
     */
    @Test
    void aProtectedPersonsResetWaitsForASecondAdminAndAPassIsShownOnce() throws Exception {
        admin("PUT", "/api/v1/admin/policies/treasury", "{\"appliesTo\":{\"groups\":[\"treasury\"]},\"mfa\":"
                + "{\"required\":true,\"methods\":[\"totp\",\"webauthn\"],\"enrolmentGraceDays\":0,\"binding\":"
                + "\"pass\"},\"passwords\":{\"reuse\":\"block\",\"variantReuse\":\"warn\",\"breached\":\"block\","
                + "\"minLength\":8}}", 201);
        enrol("vera", "/treasury");
        decide("walt", "/engineering");
        try (Chromium browser = signIn("cora")) {
            browser.open(service.url() + "/console/subjects/vera");
            browser.follow(By.id("reset"));
            browser.follow(By.id("confirm"));
            browser.await("a second policy admin must approve");
            assertThat(browser.find(By.id("factor")).getText()).startsWith("totp");
            browser.screenshot("20-reset-requested");
            browser.follow(By.linkText("Approvals"));
            browser.await("your request: another admin approves it");
            assertThat(browser.driver().findElements(By.cssSelector("button[id^=approve-]"))).isEmpty();
            browser.screenshot("21-approvals-own-request");

            browser.open(service.url() + "/console/subjects/walt");
            browser.follow(By.id("issue-pass"));
            browser.await("Issue an access pass for walt");
            browser.screenshot("22-issue-pass");
            browser.follow(By.id("issue"));
            browser.await("shown only this once");
            String pass = browser.find(By.id("access-pass")).getText();
            assertThat(pass).matches("[A-Z2-7]{4}(-[A-Z2-7]{4}){3}");
            browser.screenshot("23-pass-shown-once");
            browser.open(service.url() + "/console/subjects/walt");
            assertThat(browser.find(By.id("passes")).getText()).contains("active").doesNotContain(pass);
            browser.follow(By.cssSelector("#passes button.danger"));
            browser.await("it opens nothing any more");
            assertThat(browser.find(By.id("passes")).getText()).contains("revoked");
        }
        String pending = admin("GET", "/api/v1/admin/approvals?status=pending", null, 200);
        String id = pending.replaceAll("(?s).*\"id\":\"([^\"]+)\".*\"subject\":\"vera\".*", "$1");
        HttpResponse<String> own = service.call("POST", "/api/v1/admin/approvals/" + id + "/approve",
                accessToken("cora"), null);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(403);
        try (Chromium browser = signIn("hugo")) {
            browser.follow(By.linkText("Approvals"));
            browser.follow(By.id("approve-" + id));
            browser.await("Approved and carried out.");
            browser.screenshot("24-approved");
            browser.open(service.url() + "/console/subjects/vera");
            assertThat(browser.find(By.id("factor")).getText()).startsWith("none");
        }
        String audit = admin("GET", "/api/v1/audit/events?format=jsonl&subject=vera", null, 200);
        assertThat(audit).contains("\"type\":\"mfa.approval.requested\",\"subject\":\"vera\"")
                .contains("\"actor\":\"person:hugo\",\"type\":\"mfa.approval.approved\"")
                .contains("\"type\":\"mfa.totp.reset\"");
    }

    @Test
    void theAuditorCanReadButNotChangeAnythingInTheConsoleOrThroughTheApi() throws Exception {
        decide("ulla", "/finance");
        String engineering = admin("GET", "/api/v1/admin/policies/engineering", null, 200);
        try (Chromium browser = signIn("dave")) {
            browser.await("MFA compliance");
            assertThat(browser.find(By.id("who")).getText()).isEqualTo("dave · auditor");
            // the keyboard alone: the skip link comes first, then the sections
            browser.press(Keys.TAB);
            assertThat(browser.focused().getAttribute("class")).isEqualTo("skip");
            browser.press(Keys.TAB, Keys.TAB, Keys.TAB, Keys.ENTER);
            browser.await("Passwords (reuse / variant / breached / min)");
            browser.await("engineering");
            assertThat(browser.text()).doesNotContain("New policy").doesNotContain("Delete");
            browser.follow(By.linkText("engineering"));
            assertThat(browser.driver().findElements(By.cssSelector("button[value=preview]"))).isEmpty();
            assertThat(browser.find(By.id("graceDays")).isEnabled()).isFalse();
            browser.screenshot("14-auditor-policy");
            browser.open(service.url() + "/console/policies/new");
            browser.await("You cannot do this here");
            browser.screenshot("15-auditor-403");
            browser.open(service.url() + "/console/subjects/ulla");
            browser.await("Second factor");
            assertThat(browser.driver().findElements(By.id("reset"))).isEmpty();
        }
        String dave = accessToken("dave");
        assertThat(service.call("PUT", "/api/v1/admin/policies/engineering", dave,
                "{\"appliesTo\":{},\"mfa\":{\"required\":false,\"methods\":[\"totp\"],\"enrolmentGraceDays\":0},"
                        + "\"passwords\":{\"reuse\":\"off\",\"variantReuse\":\"off\",\"breached\":\"off\",\"minLength\":8}}")
                .statusCode()).isEqualTo(403);
        assertThat(service.call("DELETE", "/api/v1/admin/subjects/ulla/totp", dave, null).statusCode()).isEqualTo(403);
        assertThat(service.call("GET", "/api/v1/admin/policies", dave, null).statusCode()).isEqualTo(200);
        String cora = accessToken("cora");
        assertThat(service.call("GET", "/api/v1/admin/services", cora, null).statusCode()).isEqualTo(200);
        assertThat(admin("GET", "/api/v1/admin/policies/engineering", null, 200)).isEqualTo(engineering);
    }

    @Test
    void someoneWithoutAConsoleRoleGetsThe403PageAndCanSignOut() throws Exception {
        try (Chromium browser = signIn("nils")) {
            browser.await("The console is for people with the policy-admin or policy-auditor role");
            browser.screenshot("16-no-role-403");
            browser.follow(By.linkText("Sign out"));
            browser.await("You are signed out");
            browser.screenshot("17-signed-out");
            browser.open(service.url() + "/console");
            browser.find(By.id("username"));
            assertThat(browser.url()).startsWith(keycloak.url() + "/realms/employees/");
        }
    }

    @Test
    void theConsolesSessionIsGoodForTheConsoleOnly() throws Exception {
        try (Chromium browser = signIn("cora")) {
            browser.await("MFA compliance");
            String cookies = browser.driver().manage().getCookies().stream()
                    .filter(c -> service.url().contains(c.getDomain()))
                    .map(c -> c.getName() + "=" + c.getValue()).collect(java.util.stream.Collectors.joining("; "));
            assertThat(cookies).contains("q_session");
            // sent by hand, the session cookie gets nothing from the API
            java.net.http.HttpResponse<String> purge = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(service.url()
                                    + "/api/v1/audit/purge?olderThanDays=1"))
                            .header("Cookie", cookies).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(purge.statusCode()).as(purge.body()).isEqualTo(401);
            assertThat(service.log()).contains("A console session of cora was sent to /api/v1/audit/purge and refused");
            // and a page of the console cannot make the browser send it there either
            Object status = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "fetch('/api/v1/audit/purge?olderThanDays=1', {method: 'POST', credentials: 'include'})"
                            + ".then(r => done(r.status));");
            assertThat(((Number) status).intValue()).isEqualTo(401);
        }
        assertThat(admin("GET", "/api/v1/audit/events?format=jsonl&type=audit.purged", null, 200)).isEmpty();
    }

    /** Opens the console, is sent to Keycloak's login page, and signs in with the password. */
    static Chromium startSignIn(String username) throws Exception {
        Chromium browser = new Chromium(SCREENSHOTS);
        browser.open(service.url() + "/console");
        browser.find(By.id("username"));
        assertThat(browser.url()).startsWith(keycloak.url() + "/realms/employees/protocol/openid-connect/auth");
        if (!Files.exists(SCREENSHOTS.resolve("00-sign-in.png"))) {
            browser.screenshot("00-sign-in");
        }
        browser.type(By.id("username"), username);
        browser.type(By.id("password"), PASSWORD);
        browser.follow(By.id("kc-login"));
        return browser;
    }

    /**
     * Signs in to the console: the console asks Keycloak for a second factor, so a person without one
     * sets it up there and then (no "later"), and a person with one types a code.
     */
    static Chromium signIn(String username) throws Exception {
        Chromium browser = startSignIn(username);
        secondFactor(browser, username);
        browser.find(By.cssSelector("header.top"));
        assertThat(browser.url()).startsWith(service.url() + "/console");
        return browser;
    }

    static void secondFactor(Chromium browser, String username) throws Exception {
        By enrol = By.id("portcullis-enrol-form");
        By code = By.id("portcullis-code-form");
        By pass = By.id("portcullis-pass-form");
        if (browser.awaitAny(enrol, code, pass).equals(pass)) {
            // the console's people bind their first factor only with an access pass
            if (!Files.exists(SCREENSHOTS.resolve("00-console-pass.png"))) {
                browser.screenshot("00-console-pass");
            }
            browser.type(By.id("pass"), service.issuePass(username));
            browser.follow(By.cssSelector("#portcullis-pass-form input[type=submit]"));
        }
        if (browser.awaitAny(enrol, code).equals(enrol)) {
            assertThat(browser.driver().findElements(By.cssSelector("button[value=later]"))).isEmpty();
            String secret = browser.find(By.id("portcullis-secret")).getAttribute("data-secret");
            long step = Phone.now();
            PHONE.enrolled(username, secret, step);
            if (!Files.exists(SCREENSHOTS.resolve("00-console-enrol.png"))) {
                browser.screenshot("00-console-enrol");
            }
            browser.type(By.id("code"), Totp.code(secret, step));
            browser.follow(By.cssSelector("#portcullis-enrol-form input[type=submit]"));
            browser.follow(By.cssSelector("#portcullis-recovery-codes-form input[type=submit]"));
        } else {
            browser.type(By.id("code"), PHONE.code(username));
            browser.follow(By.cssSelector("#portcullis-code-form input[type=submit]"));
        }
    }

    static String decide(String subject, String group) throws Exception {
        HttpResponse<String> decision = service.call("POST", "/api/v1/decisions/login", key,
                "{\"subject\":\"" + subject + "\",\"groups\":[\"" + group + "\"]}");
        assertThat(decision.statusCode()).isEqualTo(200);
        return decision.body();
    }

    static void enrol(String subject, String group) throws Exception {
        PolicyServiceProcess.Enrolled enrolled = service.enrol(key, subject, group);
        PHONE.enrolled(subject, enrolled.secret(), enrolled.step());
    }

    /** A real access token of the console's client, from the password grant with the person's code. */
    static String accessToken(String username) throws Exception {
        if (!PHONE.has(username)) {
            enrol(username, "/none");
        }
        HttpResponse<String> tokens = keycloak.token("employees", Map.of("grant_type", "password",
                "client_id", "portcullis-console", "client_secret", CONSOLE_SECRET, "username", username,
                "password", PASSWORD, "otp", PHONE.code(username)));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        String token = Jwt.field(tokens.body(), "access_token");
        assertThat(Jwt.claims(token)).containsEntry("acr", "mfa").containsEntry("azp", "portcullis-console");
        return token;
    }

    static String admin(String method, String path, String json, int expected) throws Exception {
        HttpResponse<String> response = service.call(method, path, PolicyServiceProcess.ADMIN_TOKEN, json);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return response.body();
    }
}
