package dev.portcullis.e2e.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.e2e.support.Browser;
import dev.portcullis.e2e.support.KeycloakProcess;
import dev.portcullis.e2e.support.PolicyServiceProcess;
import dev.portcullis.e2e.support.Processes;
import dev.portcullis.e2e.support.Totp;
import dev.portcullis.keycloak.mfa.PortcullisMfaAuthenticatorFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The employee login through the real Keycloak with the built extension and the real policy service,
 * page by page, with codes computed from the key the page shows, as a phone would. Each test has its
 * own people, so that each can run alone and in any order.
 */
class MfaLoginIT {

    static final String PASSWORD = "Employee-Login-Pass-2026";
    static final String CALLBACK = "http://127.0.0.1/callback";

    @TempDir
    static Path temp;

    static PolicyServiceProcess service;
    static KeycloakProcess keycloak;
    static String key;

    @BeforeAll
    static void start() throws Exception {
        service = PolicyServiceProcess.start(temp.resolve("policy"));
        key = keycloakKeyAndPolicy(service);
        keycloak = KeycloakProcess.start(realm(), Map.of("KC_SPI_PORTCULLIS__DEFAULT__URL", service.url(), "KC_SPI_PORTCULLIS__DEFAULT__API_KEY", key),
                temp.resolve("keycloak"));
    }

    @AfterAll
    static void stop() throws Exception {
        Processes.stopAll(keycloak, service);
    }

    /** Engineering must use TOTP at once: the policy the login tests of this package run under. */
    static final String ENGINEERING = "{\"appliesTo\":{\"groups\":[\"engineering\"]},\"mfa\":{\"required\":true,"
            + "\"methods\":[\"totp\"],\"enrolmentGraceDays\":0},\"passwords\":{\"reuse\":\"block\","
            + "\"variantReuse\":\"warn\",\"breached\":\"block\",\"minLength\":8}}";

    /** Keycloak's service key, on a service that has the engineering policy. */
    static String keycloakKeyAndPolicy(PolicyServiceProcess service) throws Exception {
        String key = service.createService("keycloak", List.of("mfa", "enrol", "idp", "credentials", "events"));
        assertThat(service.call("PUT", "/api/v1/admin/policies/engineering", PolicyServiceProcess.ADMIN_TOKEN,
                ENGINEERING).statusCode()).isEqualTo(201);
        return key;
    }

    static Map<String, Object> realm() {
        Map<String, Object> forms = Map.of("alias", "portcullis-forms", "providerId", "basic-flow", "topLevel", false,
                "builtIn", false, "authenticationExecutions", List.of(
                        execution("auth-username-password-form", 10),
                        execution(PortcullisMfaAuthenticatorFactory.ID, 20)));
        Map<String, Object> browser = Map.of("alias", "portcullis-browser", "providerId", "basic-flow",
                "topLevel", true, "builtIn", false, "authenticationExecutions", List.of(
                        Map.of("authenticator", "auth-cookie", "requirement", "ALTERNATIVE", "priority", 10,
                                "authenticatorFlow", false, "autheticatorFlow", false, "userSetupAllowed", false),
                        Map.of("flowAlias", "portcullis-forms", "requirement", "ALTERNATIVE", "priority", 20,
                                "authenticatorFlow", true, "autheticatorFlow", true, "userSetupAllowed", false)));
        return Map.of(
                "realm", "employees", "enabled", true,
                "internationalizationEnabled", true, "supportedLocales", List.of("en", "ja"), "defaultLocale", "en",
                "browserFlow", "portcullis-browser",
                "authenticationFlows", List.of(browser, forms),
                "groups", List.of(Map.of("name", "engineering"), Map.of("name", "finance")),
                "clients", List.of(Map.of("clientId", "portcullis-test", "publicClient", true, "enabled", true,
                        "standardFlowEnabled", true, "redirectUris", List.of(CALLBACK + "*"))),
                "users", List.of(user("alice", "/engineering"), user("bob", "/finance"), user("amy", "/engineering"),
                        user("ann", "/engineering"), user("abe", "/engineering"), user("ben", "/finance")));
    }

    static Map<String, Object> execution(String authenticator, int priority) {
        return Map.of("authenticator", authenticator, "requirement", "REQUIRED", "priority", priority,
                "authenticatorFlow", false, "autheticatorFlow", false, "userSetupAllowed", false);
    }

    static Map<String, Object> user(String name, String group) {
        return Map.of("username", name, "enabled", true, "email", name + "@example.com", "emailVerified", true,
                "firstName", name, "lastName", "Example", "groups", List.of(group),
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false)));
    }

    /** A fresh browser at the login page, past the password step. */
    static Browser.Page loginAs(String username) throws Exception {
        return loginAs(username, "en");
    }

    static Browser.Page loginAs(String username, String locale) throws Exception {
        Browser browser = new Browser(CALLBACK);
        Browser.Page login = browser.get(keycloak.url() + "/realms/employees/protocol/openid-connect/auth"
                + "?client_id=portcullis-test&response_type=code&scope=openid&ui_locales=" + locale
                + "&redirect_uri=" + CALLBACK);
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        Browser.Page next = browser.post(login.formAction("kc-form-login"),
                Map.of("username", username, "password", PASSWORD));
        BROWSERS.put(username, browser);
        return next;
    }

    static final Map<String, Browser> BROWSERS = new java.util.HashMap<>();

    static Browser.Page submit(String username, Browser.Page page, String formId, Map<String, String> form)
            throws Exception {
        return BROWSERS.get(username).post(page.formAction(formId), form);
    }

    @Test
    void bobInHisGracePeriodIsRemindedWithTheDaysLeftAndMayContinue() throws Exception {
        Browser.Page reminder = loginAs("bob");
        assertThat(reminder.shows("portcullis-reminder.ftl")).as(reminder.body()).isTrue();
        assertThat(reminder.text()).contains("You have 7 days left");
        Browser.Page done = submit("bob", reminder, "portcullis-reminder-form", Map.of("choice", "later"));
        assertThat(done.redirectedToClient()).as(done.body()).isTrue();
        var tokens = keycloak.exchangeCode("employees", "portcullis-test", CALLBACK, done.code());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.body()).contains("\"access_token\"").contains("\"id_token\"");
    }

    @Test
    void thePagesSpeakJapanese() throws Exception {
        Browser.Page reminder = loginAs("bob", "ja");
        assertThat(reminder.shows("portcullis-reminder.ftl")).as(reminder.body()).isTrue();
        assertThat(reminder.text()).contains("2段階認証の設定期限まであと7日です").contains("今すぐ設定する");
    }

    @Test
    void alicePastHerDeadlineMustEnrolAndSeesHerRecoveryCodesOnce() throws Exception {
        Browser.Page enrol = loginAs("alice");
        assertThat(enrol.shows("portcullis-enrol.ftl")).as(enrol.body()).isTrue();
        assertThat(enrol.body()).contains("src=\"data:image/png;base64,");
        Matcher shown = Pattern.compile("data-secret=\"([A-Z2-7]+)\"").matcher(enrol.body());
        assertThat(shown.find()).isTrue();
        String secret = shown.group(1);
        assertThat(enrol.text()).contains(secret.substring(0, 4) + " " + secret.substring(4, 8));

        Browser.Page wrong = submit("alice", enrol, "portcullis-enrol-form", Map.of("code", "000000".equals(
                Totp.code(secret, Totp.step(Instant.now().getEpochSecond()))) ? "111111" : "000000"));
        assertThat(wrong.shows("portcullis-enrol.ftl")).isTrue();
        assertThat(wrong.text()).contains("That code is not right");

        long enrolledStep = Totp.step(Instant.now().getEpochSecond());
        Browser.Page codes = submit("alice", wrong, "portcullis-enrol-form",
                Map.of("code", Totp.code(secret, enrolledStep)));
        List<String> recoveryCodes = new ArrayList<>();
        assertThat(codes.shows("portcullis-recovery-codes.ftl")).as(codes.body()).isTrue();
        Matcher code = Pattern.compile("<li><code>([A-Z0-9-]+)</code></li>").matcher(codes.body());
        while (code.find()) {
            recoveryCodes.add(code.group(1));
        }
        assertThat(recoveryCodes).hasSize(10);
        Browser.Page done = submit("alice", codes, "portcullis-recovery-codes-form", Map.of("continue", "1"));
        assertThat(done.redirectedToClient()).as(done.body()).isTrue();
    }

    @Test
    void theNextLoginAsksForACodeAndTheSameCodeIsRefusedLater() throws Exception {
        PolicyServiceProcess.Enrolled amy = enrol("amy", "/engineering");
        String next = Totp.code(amy.secret(), amy.step() + 1);
        Browser.Page ask = loginAs("amy");
        assertThat(ask.shows("portcullis-code.ftl")).as(ask.body()).isTrue();
        // letters are a wrong code, not an outage
        ask = submit("amy", ask, "portcullis-code-form", Map.of("code", "12a456"));
        assertThat(ask.status()).isEqualTo(200);
        assertThat(ask.text()).contains("That is not a code");
        Browser.Page done = submit("amy", ask, "portcullis-code-form", Map.of("code", next));
        assertThat(done.redirectedToClient()).as(done.body()).isTrue();

        Browser.Page again = loginAs("amy");
        Browser.Page refused = submit("amy", again, "portcullis-code-form", Map.of("code", next));
        assertThat(refused.redirectedToClient()).isFalse();
        assertThat(refused.text()).contains("That code is not right");
    }

    @Test
    void aRecoveryCodeWorksOnce() throws Exception {
        PolicyServiceProcess.Enrolled ann = enrol("ann", "/engineering");
        Browser.Page ask = loginAs("ann");
        Browser.Page recovery = submit("ann", ask, "portcullis-use-recovery", Map.of("use-recovery", "1"));
        assertThat(recovery.shows("portcullis-recovery.ftl")).as(recovery.body()).isTrue();
        Browser.Page done = submit("ann", recovery, "portcullis-recovery-form",
                Map.of("recoveryCode", ann.recoveryCodes().get(0)));
        assertThat(done.redirectedToClient()).as(done.body()).isTrue();

        Browser.Page second = submit("ann", loginAs("ann"), "portcullis-use-recovery", Map.of("use-recovery", "1"));
        Browser.Page refused = submit("ann", second, "portcullis-recovery-form",
                Map.of("recoveryCode", ann.recoveryCodes().get(0)));
        assertThat(refused.redirectedToClient()).isFalse();
        assertThat(refused.text()).contains("not valid, or it has been used already");
    }

    @Test
    void fiveWrongCodesLockAPersonAndARightCodeIsRefusedWhileLocked() throws Exception {
        PolicyServiceProcess.Enrolled abe = enrol("abe", "/engineering");
        Browser.Page page = loginAs("abe");
        long now = Totp.step(Instant.now().getEpochSecond());
        String wrong = Totp.code(abe.secret(), now + 7);
        int attempts = 0;
        while (!page.text().contains("Too many wrong codes") && attempts < 6) {
            page = submit("abe", page, "portcullis-code-form", Map.of("code", wrong));
            attempts++;
        }
        assertThat(attempts).isLessThanOrEqualTo(5);
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.text()).contains("Too many wrong codes");

        Browser.Page locked = loginAs("abe");
        assertThat(locked.status()).isEqualTo(403);
        assertThat(locked.text()).contains("Too many wrong codes");
    }

    @Test
    void withThePolicyServiceDownNobodyWhoNeedsMfaGetsInAndTheyAreToldWhy() throws Exception {
        int port = service.port();
        service.close();
        try {
            long started = System.nanoTime();
            Browser.Page page = loginAs("ben");
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(page.redirectedToClient()).isFalse();
            assertThat(page.status()).isEqualTo(503);
            assertThat(page.text()).contains("verification service cannot be reached");
            assertThat(millis).as("ms until the error page").isLessThan(3_000);
        } finally {
            service = PolicyServiceProcess.start(temp.resolve("policy"), port);
        }
    }

    static PolicyServiceProcess.Enrolled enrol(String person, String group) throws Exception {
        return service.enrol(key, person, group);
    }
}
