package dev.portcullis.e2e.password;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.e2e.support.Browser;
import dev.portcullis.e2e.support.KeycloakProcess;
import dev.portcullis.e2e.support.PolicyServiceProcess;
import dev.portcullis.e2e.support.Processes;
import dev.portcullis.keycloak.password.PortcullisPasswordFormFactory;
import dev.portcullis.keycloak.password.PortcullisReusePolicyFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Password reuse through the real Keycloak with the built extension and the real policy service:
 * the password policy on change, the password form at login, and failing open with an audit record.
 * Each test has a person of its own (grace, hank, ivy), so any test runs alone and in any order; the
 * outage test brings the service back on the same port and home whatever happens.
 */
class PasswordPolicyIT {

    static final String CALLBACK = "http://127.0.0.1/callback";
    static final String VPN_PASSWORD = "Harbour-Lantern-Vpn-88";

    @TempDir
    static Path temp;

    static PolicyServiceProcess service;
    static KeycloakProcess keycloak;
    static String vpnKey;
    static String keycloakKey;

    @BeforeAll
    static void start() throws Exception {
        service = PolicyServiceProcess.start(temp.resolve("policy"));
        keycloakKey = service.createService("keycloak", List.of("mfa", "enrol", "idp", "credentials", "events"));
        vpnKey = service.createService("vpn", List.of("credentials"));
        register("grace", VPN_PASSWORD);
        register("jack", VPN_PASSWORD);
        keycloak = KeycloakProcess.start(realm(), Map.of("PORTCULLIS_URL", service.url(),
                "PORTCULLIS_API_KEY", keycloakKey), temp.resolve("keycloak"));
        // After the import: the realm's password policy checks imported passwords too.
        register("hank", "Hank-Shared-Password-1");
    }

    @AfterAll
    static void stop() throws Exception {
        Processes.stopAll(keycloak, service);
    }

    /** The VPN reports a password of someone who has signed in to Keycloak (only then is a person known). */
    static void register(String subject, String password) throws Exception {
        assertThat(service.call("POST", "/api/v1/decisions/login", keycloakKey, "{\"subject\":\"" + subject + "\"}")
                .statusCode()).isEqualTo(200);
        assertThat(service.call("PUT", "/api/v1/credentials/" + subject + "/vpn", vpnKey,
                "{\"password\":\"" + password + "\"}").statusCode()).isEqualTo(204);
    }

    static Map<String, Object> realm() {
        Map<String, Object> browser = Map.of("alias", "portcullis-password-browser", "providerId", "basic-flow",
                "topLevel", true, "builtIn", false, "authenticationExecutions", List.of(
                        Map.of("authenticator", PortcullisPasswordFormFactory.ID, "requirement", "REQUIRED",
                                "priority", 10, "authenticatorFlow", false, "autheticatorFlow", false,
                                "userSetupAllowed", false)));
        return Map.of(
                "realm", "employees", "enabled", true,
                "passwordPolicy", "length(8) and " + PortcullisReusePolicyFactory.ID,
                "browserFlow", "portcullis-password-browser",
                "authenticationFlows", List.of(browser),
                "clients", List.of(Map.of("clientId", "portcullis-test", "publicClient", true, "enabled", true,
                        "standardFlowEnabled", true, "redirectUris", List.of(CALLBACK + "*"))),
                "users", List.of(
                        user("grace", "Grace-Initial-Pass-1", List.of("UPDATE_PASSWORD")),
                        user("jack", "Jack-Initial-Pass-1", List.of("UPDATE_PASSWORD")),
                        migrated("hank", "Hank-Shared-Password-1"),
                        migrated("ivy", "Ivy-Keycloak-Pass-42")));
    }

    /**
     * A person brought over with their password's hash (from an older system), which Keycloak's
     * password policy never saw: their first login reports it.
     */
    static Map<String, Object> migrated(String name, String password) {
        try {
            byte[] salt = new byte[16];
            new java.security.SecureRandom().nextBytes(salt);
            byte[] hash = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new javax.crypto.spec.PBEKeySpec(password.toCharArray(), salt, 27500, 512))
                    .getEncoded();
            java.util.Base64.Encoder base64 = java.util.Base64.getEncoder();
            Map<String, Object> credential = Map.of("type", "password",
                    "secretData", "{\"value\":\"" + base64.encodeToString(hash) + "\",\"salt\":\""
                            + base64.encodeToString(salt) + "\",\"additionalParameters\":{}}",
                    "credentialData", "{\"hashIterations\":27500,\"algorithm\":\"pbkdf2-sha256\","
                            + "\"additionalParameters\":{}}");
            Map<String, Object> user = new HashMap<>(user(name, password, List.of()));
            user.put("credentials", List.of(credential));
            return user;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> user(String name, String password, List<String> requiredActions) {
        Map<String, Object> user = new HashMap<>(Map.of("username", name, "enabled", true,
                "email", name + "@example.com", "emailVerified", true, "firstName", name, "lastName", "Example",
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false))));
        user.put("requiredActions", requiredActions);
        return user;
    }

    static Browser browser;

    static Browser.Page login(String username, String password) throws Exception {
        browser = new Browser(CALLBACK);
        Browser.Page login = browser.get(keycloak.url() + "/realms/employees/protocol/openid-connect/auth"
                + "?client_id=portcullis-test&response_type=code&scope=openid&redirect_uri=" + CALLBACK);
        return browser.post(login.formAction("kc-form-login"), Map.of("username", username, "password", password));
    }

    static Browser.Page newPassword(Browser.Page page, String password) throws Exception {
        return browser.post(page.formAction("kc-passwd-update-form"),
                Map.of("password-new", password, "password-confirm", password));
    }

    static String check(String subject, String password) throws Exception {
        return service.call("POST", "/api/v1/credentials/check", vpnKey, "{\"subject\":\"" + subject
                + "\",\"service\":\"vpn\",\"password\":\"" + password + "\"}").body();
    }

    @Test
    void aNewPasswordUsedElsewhereOrBreachedIsRefusedWithTheReasonAndAFreshOneIsRegistered() throws Exception {
        Browser.Page update = login("grace", "Grace-Initial-Pass-1");
        assertThat(update.shows("login-update-password.ftl")).as(update.body()).isTrue();

        Browser.Page reused = newPassword(update, VPN_PASSWORD);
        assertThat(reused.redirectedToClient()).isFalse();
        assertThat(reused.text()).contains("You already use this password for vpn");

        Browser.Page breached = newPassword(reused, "password123");
        assertThat(breached.redirectedToClient()).isFalse();
        assertThat(breached.text()).contains("breached passwords");

        Browser.Page done = newPassword(breached, "Grace-Fresh-Meadow-2026");
        assertThat(done.redirectedToClient()).as(done.body()).isTrue();
        // the VPN learns that its password is in use elsewhere, never where (it has no scope idp)
        assertThat(check("grace", "Grace-Fresh-Meadow-2026")).contains("\"REUSED\"")
                .contains("another company account").doesNotContain("keycloak");

        // the policy registered it and marked it reported: her next login sends it nowhere
        long checks = checksOf("grace");
        long evaluations = service.argon2idEvaluations();
        Browser.Page again = login("grace", "Grace-Fresh-Meadow-2026");
        assertThat(again.redirectedToClient()).as(again.body()).isTrue();
        assertThat(checksOf("grace", checks + 1)).as("no check at that login").isEqualTo(checks);
        assertThat(service.argon2idEvaluations()).isEqualTo(evaluations);
    }

    /**
     * Someone submits a password the VPN holds again and again: the checks are throttled (20 an hour
     * for one service and person), and a throttled check refuses the password, saying when to try
     * again, instead of reading the 429 as an outage and saving it unchecked.
     */
    @Test
    void aThrottledCheckRefusesThePasswordAndNothingIsSaved() throws Exception {
        Browser.Page page = login("jack", "Jack-Initial-Pass-1");
        assertThat(page.shows("login-update-password.ftl")).as(page.body()).isTrue();
        int attempts = 0;
        while (!page.text().contains("Try again in") && attempts < 30) {
            page = newPassword(page, VPN_PASSWORD);
            attempts++;
            assertThat(page.redirectedToClient()).as("attempt " + attempts).isFalse();
            assertThat(page.text()).as("attempt " + attempts).containsAnyOf("You already use this password for vpn",
                    "Try again in");
        }
        // the login's own report of his first password was one check of the twenty
        assertThat(attempts).as("refused as reused, then as throttled").isBetween(19, 21);
        Browser.Page throttled = page;
        assertThat(throttled.text()).contains("too many passwords were tried");
        // a fresh password cannot be checked either, so it is not saved unchecked
        Browser.Page fresh = newPassword(throttled, "Jack-Fresh-Orchard-2026");
        assertThat(fresh.redirectedToClient()).isFalse();
        assertThat(fresh.text()).contains("Try again in");
        // nothing was saved: the old password still signs in, the VPN's does not
        assertThat(login("jack", VPN_PASSWORD).shows("login-update-password.ftl")).isFalse();
        assertThat(login("jack", "Jack-Initial-Pass-1").shows("login-update-password.ftl")).isTrue();
        assertThat(service.awaitAudit("jack", "PASSWORD_CHECK_REFUSED", 1)).contains("\"status\":429");
    }

    static long checksOf(String subject) throws Exception {
        return checksOf(subject, 0);
    }

    /**
     * How many password checks the audit log holds for {@code subject}, once it holds {@code awaited}
     * or five seconds have passed (events join the log a moment after the request).
     */
    static long checksOf(String subject, long awaited) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
        long count;
        do {
            String audit = service.call("GET", "/api/v1/audit/events?format=jsonl&type=credentials.checked&subject="
                    + subject, PolicyServiceProcess.ADMIN_TOKEN, null).body();
            count = audit.lines().filter(line -> !line.isBlank()).count();
        } while (count < awaited && System.nanoTime() < deadline && sleep());
        return count;
    }

    private static boolean sleep() throws InterruptedException {
        Thread.sleep(200);
        return true;
    }


    @Test
    void loggingInWithAPasswordUsedElsewhereRequiresAChange() throws Exception {
        long evaluations = service.argon2idEvaluations();
        long checks = checksOf("hank");
        Browser.Page page = login("hank", "Hank-Shared-Password-1");
        // one call checks and registers the password Keycloak has just accepted: one computation
        assertThat(checksOf("hank", checks + 1)).isEqualTo(checks + 1);
        assertThat(service.argon2idEvaluations() - evaluations).isBetween(1L, 3L);
        assertThat(page.shows("login-update-password.ftl")).as(page.body()).isTrue();
        assertThat(check("hank", "Hank-Shared-Password-1")).contains("\"REUSED\"").doesNotContain("keycloak");
    }

    @Test
    void withThePolicyServiceDownPasswordsFailOpenAndTheSkipIsAuditedOnceItIsBack() throws Exception {
        int port = service.port();
        service.close();
        try {
            Browser.Page page = login("ivy", "Ivy-Keycloak-Pass-42");
            assertThat(page.redirectedToClient()).as(page.body()).isTrue();
        } finally {
            service = PolicyServiceProcess.start(temp.resolve("policy"), port);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        String audit = "";
        while (System.nanoTime() < deadline && !audit.contains("PASSWORD_CHECK_SKIPPED")) {
            Thread.sleep(500);
            audit = service.call("GET", "/api/v1/audit/events?format=jsonl&subject=ivy",
                    PolicyServiceProcess.ADMIN_TOKEN, null).body();
        }
        assertThat(audit).contains("PASSWORD_CHECK_SKIPPED").contains("\"failureMode\":\"open\"");
        assertThat(keycloak.log()).doesNotContain("Ivy-Keycloak-Pass-42").doesNotContain(keycloakKey);
    }
}
