package dev.portcullis.e2e.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.e2e.support.Browser;
import dev.portcullis.e2e.support.Chromium;
import dev.portcullis.e2e.support.ClientApp;
import dev.portcullis.e2e.support.DemoRealm;
import dev.portcullis.e2e.support.Jwt;
import dev.portcullis.e2e.support.KeycloakProcess;
import dev.portcullis.e2e.support.Logins;
import dev.portcullis.e2e.support.Phone;
import dev.portcullis.e2e.support.PolicyServiceProcess;
import dev.portcullis.e2e.support.Processes;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * Security keys (WebAuthn) where the policy demands them, end to end: real Keycloak with the built
 * extension and the run command's realm, the real policy service, and headless Chromium with a
 * virtual authenticator from the DevTools WebAuthn domain. The browser goes to
 * {@code http://localhost}, since WebAuthn refuses an IP address as its relying party. A TOTP code
 * is what a phishing proxy relays, so where a key is demanded the code form is never shown and a
 * code gets nobody in. Each test has its own people.
 */
class SecurityKeyIT {

    static final String PASSWORD = "Security-Key-Demo-Pass-2026";
    static final String REALM = "employees";
    static final String KEYLESS = "keyless";
    /** The demo realm without the required action that proves a new key: Portcullis registers none there. */
    static final String UNPROVEN = "unproven";
    static final String ESSENTIAL_PHR = "{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"phr\"]}}}";
    static final String CONSOLE_SECRET = "security-key-console-secret-0123456789abcdef";
    static final Phone PHONE = new Phone();

    @TempDir
    static Path temp;

    static PolicyServiceProcess service;
    static KeycloakProcess keycloak;
    static ClientApp apps;
    static String key;
    static int keycloakPort;

    @BeforeAll
    static void start() throws Exception {
        apps = ClientApp.start();
        keycloakPort = KeycloakProcess.freePort();
        service = PolicyServiceProcess.start(temp.resolve("policy"), KeycloakProcess.freePort());
        key = service.createService("keycloak", List.of("mfa", "enrol", "idp", "credentials", "events"));
        // as the run command sets them up: engineering accepts either factor; treasury and the
        // wallet administration demand a key now; custody is being moved to keys with 30 days' grace
        policy("engineering", "{\"groups\":[\"engineering\"]}", "\"totp\",\"webauthn\"", 0);
        policy("treasury", "{\"groups\":[\"treasury\"]}", "\"webauthn\"", 0);
        policy("wallet-admin", "{\"clients\":[\"wallet-admin\"]}", "\"webauthn\"", 0);
        policy("custody", "{\"groups\":[\"custody\"]}", "\"webauthn\"", 30);
        DemoRealm realm = DemoRealm.load(service.port(), PASSWORD, CONSOLE_SECRET)
                .client("notes", apps.redirectUri("notes"), true)
                .clientSetting("wallet-admin", "redirectUris", List.of(apps.redirectUri("wallet-admin") + "*"));
        realm.toMap().put("groups", List.of(Map.of("name", "engineering"), Map.of("name", "finance"),
                Map.of("name", "treasury"), Map.of("name", "custody")));
        for (String person : List.of("tara", "tom")) {
            realm.person(person, "/treasury", PASSWORD);
        }
        realm.person("gus", "/engineering", PASSWORD).person("ed", "/engineering", PASSWORD)
                .person("cody", "/custody", PASSWORD).person("cleo", "/custody", PASSWORD, List.of("default-roles-employees"));
        keycloak = KeycloakProcess.start(List.of(realm.toMap(), keylessRealm(), unprovenRealm()), Map.of("PORTCULLIS_URL", service.url(),
                "PORTCULLIS_API_KEY", key), temp.resolve("keycloak"), keycloakPort);
    }

    @AfterAll
    static void stop() throws Exception {
        Processes.stopAll(keycloak, service);
        if (apps != null) {
            apps.close();
        }
    }

    @Test
    void aTreasuryPersonWithOnlyTotpRegistersAKeyThenSignsInWithItAndNeverWithACode() throws Exception {
        enrol("tara", "/treasury");
        try (Chromium browser = new Chromium(screenshots())) {
            var securityKey = browser.plugInSecurityKey();
            signIn(browser, "notes", "tara");
            // her code first: a phished password alone must not register the attacker's key
            browser.find(By.id("portcullis-code-form"));
            assertThat(browser.driver().findElements(By.id("portcullis-use-key"))).as("she has no key yet").isEmpty();
            browser.type(By.id("code"), PHONE.code("tara"));
            browser.follow(By.name("verify"));
            browser.click(By.id("registerWebAuthn"));
            browser.answerPrompt("Tara laptop key");
            // the code proved the login, the key was only registered: no code for the client until it is proven
            proveNewKey(browser, "tara");
            assertThat(acr(browser, "notes")).isEqualTo("phr");

            browser.forgetCookies();
            signIn(browser, "notes", "tara");
            browser.find(By.id("authenticateWebAuthnButton"));
            browser.screenshot("security-key-login");
            assertThat(browser.driver().findElements(By.id("portcullis-code-form"))).isEmpty();
            assertThat(browser.driver().findElements(By.id("code"))).isEmpty();
            browser.click(By.id("authenticateWebAuthnButton"));
            assertThat(acr(browser, "notes")).isEqualTo("phr");
            browser.unplug(securityKey);
        }
        // a phishing proxy has her password and relays a fresh code: neither door opens
        Browser proxy = new Browser(apps.redirectUri("notes"));
        Browser.Page page = passwordPage(proxy, "notes", "tara");
        assertThat(page.body()).contains("authenticateWebAuthnButton").doesNotContain("portcullis-code-form");
        Browser.Page relayed = proxy.post(page.formAction("webauth"), Map.of("code", PHONE.code("tara")));
        assertThat(relayed.redirectedToClient()).isFalse();
        HttpResponse<String> grant = keycloak.token(REALM, Map.of("grant_type", "password", "client_id", "notes",
                "username", "tara", "password", PASSWORD, "otp", PHONE.code("tara"), "scope", "openid"));
        assertThat(grant.statusCode()).as(grant.body()).isEqualTo(401);
        assertThat(Jwt.field(grant.body(), "error_description")).contains("security key");
    }

    @Test
    void theWalletAdminDemandsTheKeyFromEveryoneEvenThroughAnSsoSession() throws Exception {
        enrol("gus", "/engineering");
        try (Chromium browser = new Chromium(screenshots())) {
            browser.plugInSecurityKey();
            // his first visit: his code, then a key, since this client demands one
            signIn(browser, "wallet-admin", "gus");
            browser.type(By.id("code"), PHONE.code("gus"));
            browser.follow(By.name("verify"));
            browser.click(By.id("registerWebAuthn"));
            browser.answerPrompt("Gus desk key");
            proveNewKey(browser, "gus");
            assertThat(acr(browser, "wallet-admin")).as("a level reached, not promised").isEqualTo("phr");

            // his everyday application accepts either factor, and he chooses the code
            browser.forgetCookies();
            signIn(browser, "notes", "gus");
            browser.find(By.id("portcullis-use-key"));
            browser.type(By.id("code"), PHONE.code("gus"));
            browser.follow(By.name("verify"));
            assertThat(acr(browser, "notes")).isEqualTo("mfa");

            // the same SSO session at the wallet administration: stepped up to the key
            browser.open(authUrl("wallet-admin"));
            browser.click(By.id("authenticateWebAuthnButton"));
            assertThat(acr(browser, "wallet-admin")).isEqualTo("phr");

            // and back at his everyday application, the key he chose counts there too
            browser.forgetCookies();
            signIn(browser, "notes", "gus");
            browser.follow(By.cssSelector("#portcullis-use-key button"));
            browser.click(By.id("authenticateWebAuthnButton"));
            assertThat(acr(browser, "notes")).isEqualTo("phr");
        }
    }

    @Test
    void aKeyRolloutWithGraceAsksTotpPeopleForTheirCodeThenRemindsThemOfTheKey() throws Exception {
        enrol("cody", "/custody");
        Browser browser = new Browser(apps.redirectUri("notes"));
        Browser.Page page = passwordPage(browser, "notes", "cody");
        assertThat(page.shows("portcullis-code.ftl")).as("never the password alone: " + page.text()).isTrue();
        Browser.Page reminder = browser.post(page.formAction("portcullis-code-form"), Map.of("code", PHONE.code("cody")));
        assertThat(reminder.shows("portcullis-reminder.ftl")).as(reminder.text()).isTrue();
        assertThat(reminder.text()).contains("Security keys are coming").contains("days left");
        Browser.Page later = browser.post(reminder.formAction("portcullis-reminder-form"), Map.of("choice", "later"));
        assertThat(later.redirectedToClient()).as(later.text()).isTrue();
        assertThat(acr(later.code(), "notes")).isEqualTo("mfa");
    }

    @Test
    void someoneOfAnotherGroupIsUntouched() throws Exception {
        enrol("ed", "/engineering");
        Browser browser = new Browser(apps.redirectUri("notes"));
        Browser.Page page = passwordPage(browser, "notes", "ed");
        assertThat(page.shows("portcullis-code.ftl")).as(page.text()).isTrue();
        assertThat(page.body()).doesNotContain("portcullis-use-key");
        Browser.Page in = browser.post(page.formAction("portcullis-code-form"), Map.of("code", PHONE.code("ed")));
        assertThat(in.redirectedToClient()).as(in.text()).isTrue();
        assertThat(acr(in.code(), "notes")).isEqualTo("mfa");
    }

    @Test
    void aTreasuryNewcomerRegistersAKeyBeforeAnyCodeIsIssued() throws Exception {
        try (Chromium browser = new Chromium(screenshots())) {
            browser.plugInSecurityKey();
            signIn(browser, "notes", "tom");
            browser.find(By.id("registerWebAuthn"));
            assertThat(browser.url()).doesNotContain("code=");
            browser.click(By.id("registerWebAuthn"));
            browser.answerPrompt("Tom desk key");
            // a newcomer's first key comes with the password alone where the policy allows it, and is
            // proven before any code: a sign-in with it
            proveNewKey(browser, "tom");
            assertThat(acr(browser, "notes")).isEqualTo("phr");
        }
    }

    @Test
    void aFlowThatLostItsKeyStepStopsTheLoginRatherThanPassOnThePassword() throws Exception {
        try (Chromium browser = new Chromium(screenshots())) {
            browser.plugInSecurityKey();
            signIn(browser, KEYLESS, "notes", "nora");
            browser.click(By.id("registerWebAuthn"));
            browser.answerPrompt("Nora desk key");
            // the key must be proven before any code, and this realm's flow has no step that can
            browser.find(By.id("portcullis-key-proof"));
            browser.follow(By.id("portcullis-sign-in-again"));
            browser.type(By.id("username"), "nora");
            browser.type(By.id("password"), PASSWORD);
            browser.follow(By.id("kc-login"));
            browser.screenshot("security-key-flow-misconfigured");
            browser.await("has no step that checks one");
            browser.screenshot("security-key-flow-misconfigured");
            assertThat(browser.url()).doesNotStartWith(apps.redirectUri("notes"));
        }
        assertThat(keycloak.log()).contains("asked for a security key that nothing proved");
    }

    @Test
    void removingOnesOnlyKeyInTheAccountConsoleEndsTheGraceAndIsAudited() throws Exception {
        String token;
        try (Chromium browser = new Chromium(screenshots())) {
            browser.plugInSecurityKey();
            signIn(browser, "notes", "cleo");
            // custody has 30 days' grace: she is reminded, and sets up her key at once
            browser.find(By.id("portcullis-reminder-form"));
            assertThat(browser.text()).contains("Security keys are coming");
            browser.follow(By.cssSelector("button[value=setup]"));
            browser.click(By.id("registerWebAuthn"));
            browser.answerPrompt("Cleo desk key");
            proveNewKey(browser, "cleo");
            token = accessToken(browser, "notes");
        }
        service.awaitAudit("cleo", "UPDATE_CREDENTIAL", 1);
        // Keycloak lets her remove it through the account REST API, as its account console does
        HttpResponse<String> credentials = account("GET", "/credentials", token);
        assertThat(credentials.statusCode()).as(credentials.body() + Jwt.claims(token)).isEqualTo(200);
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"[^}]*\"type\"\\s*:\\s*\"webauthn\"")
                .matcher(credentials.body());
        assertThat(id.find()).as(credentials.body()).isTrue();
        assertThat(account("DELETE", "/credentials/" + id.group(1), token).statusCode()).isEqualTo(204);
        String audit = service.awaitAudit("cleo", "REMOVE_CREDENTIAL", 1);
        assertThat(audit).contains("\"credential_type\":\"webauthn\"");
        // her next login: a key now, not "later", whatever grace the rest of custody has; and having
        // had one, she binds the next only with an access pass, never with the password alone
        Browser proxy = new Browser(apps.redirectUri("notes"));
        Browser.Page page = passwordPage(proxy, "notes", "cleo");
        assertThat(page.shows("portcullis-pass.ftl")).as(page.text()).isTrue();
        assertThat(page.body()).doesNotContain("registerWebAuthn").doesNotContain("portcullis-reminder-form");
    }

    @Test
    void anEssentialAcrThatIsNotReachedEndsInKeycloaksOwnError() throws Exception {
        enrol("ned", "/engineering");
        // this realm cannot prove a new key, so his code is all this login can reach: level 2 of 3
        Browser essential = new Browser(apps.redirectUri("notes"));
        Browser.Page page = logins().passwordPage(essential, UNPROVEN, "notes", "ned",
                "&claims=" + URLEncoder.encode(ESSENTIAL_PHR, StandardCharsets.UTF_8));
        assertThat(page.shows("portcullis-code.ftl")).as(page.text()).isTrue();
        Browser.Page after = essential.post(page.formAction("portcullis-code-form"), Map.of("code", PHONE.code("ned")));
        assertThat(after.redirectedToClient()).as(after.text()).isFalse();
        assertThat(after.text()).contains("Authentication requirements not fulfilled");
        // asked for, not essential: still no code below the level, with Portcullis's own words
        Browser asked = new Browser(apps.redirectUri("notes"));
        Browser.Page again = logins().passwordPage(asked, UNPROVEN, "notes", "ned", "&acr_values=phr");
        Browser.Page stopped = asked.post(again.formAction("portcullis-code-form"),
                Map.of("code", PHONE.code("ned")));
        assertThat(stopped.redirectedToClient()).as(stopped.text()).isFalse();
        assertThat(stopped.text()).contains("needs a stronger second factor");
    }

    // --- helpers

    /**
     * Keycloak has just registered a key: no code has reached the client, the person is told to sign in
     * with it, and does (password, then the key): only that login gets a code.
     */
    static void proveNewKey(Chromium browser, String person) throws Exception {
        browser.find(By.id("portcullis-key-proof"));
        assertThat(browser.url()).doesNotContain("code=");
        browser.screenshot("security-key-prove-it");
        browser.follow(By.id("portcullis-sign-in-again"));
        browser.type(By.id("username"), person);
        browser.type(By.id("password"), PASSWORD);
        browser.follow(By.id("kc-login"));
        assertThat(browser.driver().findElements(By.id("portcullis-code-form"))).isEmpty();
        browser.click(By.id("authenticateWebAuthnButton"));
    }

    static String accessToken(Chromium browser, String client) throws Exception {
        HttpResponse<String> tokens = keycloak.exchangeCode(REALM, client, apps.redirectUri(client),
                codeOnArrival(browser, client));
        return Jwt.field(tokens.body(), "access_token");
    }

    /** Keycloak's account REST API, with the person's own token. */
    static HttpResponse<String> account(String method, String path, String token) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        // the token's issuer is the name the browser used
                        java.net.URI.create("http://localhost:" + keycloakPort + "/realms/" + REALM + "/account" + path))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The demo realm once more, as an operator might break it: the browser flow without its key subflow. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> keylessRealm() throws Exception {
        DemoRealm realm = DemoRealm.load(service.port(), PASSWORD, CONSOLE_SECRET)
                .client("notes", apps.redirectUri("notes"), false).person("nora", "/treasury", PASSWORD);
        Map<String, Object> map = realm.toMap();
        map.put("realm", KEYLESS);
        for (Map<String, Object> flow : (List<Map<String, Object>>) map.get("authenticationFlows")) {
            if ("portcullis-browser".equals(flow.get("alias"))) {
                List<Map<String, Object>> executions = new java.util.ArrayList<>(
                        (List<Map<String, Object>>) flow.get("authenticationExecutions"));
                executions.removeIf(e -> "portcullis-key".equals(e.get("flowAlias")));
                flow.put("authenticationExecutions", executions);
            }
        }
        return map;
    }

    /** The demo realm once more, without the required action that proves a new key. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> unprovenRealm() throws Exception {
        Map<String, Object> map = DemoRealm.load(service.port(), PASSWORD, CONSOLE_SECRET)
                .client("notes", apps.redirectUri("notes"), false).person("ned", "/engineering", PASSWORD).toMap();
        map.put("realm", UNPROVEN);
        List<Map<String, Object>> actions = new java.util.ArrayList<>((List<Map<String, Object>>) map.get("requiredActions"));
        actions.removeIf(a -> "portcullis-key-proof".equals(a.get("alias")));
        map.put("requiredActions", actions);
        return map;
    }

    static void policy(String name, String appliesTo, String methods, int graceDays) throws Exception {
        HttpResponse<String> put = service.call("PUT", "/api/v1/admin/policies/" + name,
                PolicyServiceProcess.ADMIN_TOKEN, "{\"appliesTo\":" + appliesTo + ",\"mfa\":{\"required\":true,"
                        + "\"methods\":[" + methods + "],\"enrolmentGraceDays\":" + graceDays + "},\"passwords\":"
                        + "{\"reuse\":\"block\",\"variantReuse\":\"warn\",\"breached\":\"block\",\"minLength\":8}}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    }

    static void enrol(String person, String group) throws Exception {
        PolicyServiceProcess.Enrolled enrolled = service.enrol(key, person, group);
        PHONE.enrolled(person, enrolled.secret(), enrolled.step());
    }

    static Path screenshots() {
        return Path.of("target/screenshots");
    }

    /** The login page of {@code client}, reached by name: WebAuthn refuses an IP address. */
    static String authUrl(String client) {
        return authUrl(REALM, client);
    }

    static String authUrl(String realm, String client) {
        return logins().authUrl(realm, client);
    }

    static void signIn(Chromium browser, String client, String person) {
        signIn(browser, REALM, client, person);
    }

    static void signIn(Chromium browser, String realm, String client, String person) {
        logins().signIn(browser, realm, client, person);
    }

    /** The page after the password, at the HTTP level. */
    static Browser.Page passwordPage(Browser browser, String client, String person) throws Exception {
        return logins().passwordPage(browser, REALM, client, person, "");
    }

    /** Waits for the browser to land on the client, and reads the {@code acr} of its tokens. */
    static String acr(Chromium browser, String client) throws Exception {
        return acr(browser, REALM, client);
    }

    static String acr(Chromium browser, String realm, String client) throws Exception {
        return acr(realm, codeOnArrival(browser, client), client);
    }

    /** Waits for the browser to land on the client, and takes the authorization code it brought. */
    static String codeOnArrival(Chromium browser, String client) {
        return logins().codeOnArrival(browser, client);
    }

    static String acr(String code, String client) throws Exception {
        return acr(REALM, code, client);
    }

    static String acr(String realm, String code, String client) throws Exception {
        return logins().acr(realm, code, client);
    }

    static Logins logins() {
        return new Logins(keycloak, apps, keycloakPort, PASSWORD);
    }
}
