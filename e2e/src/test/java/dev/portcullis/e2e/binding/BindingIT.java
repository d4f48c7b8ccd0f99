package dev.portcullis.e2e.binding;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.portcullis.e2e.support.Browser;
import dev.portcullis.e2e.support.Chromium;
import dev.portcullis.e2e.support.ClientApp;
import dev.portcullis.e2e.support.DemoRealm;
import dev.portcullis.e2e.support.KeycloakProcess;
import dev.portcullis.e2e.support.Logins;
import dev.portcullis.e2e.support.Mailbox;
import dev.portcullis.e2e.support.Phone;
import dev.portcullis.e2e.support.PolicyServiceProcess;
import dev.portcullis.e2e.support.Processes;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * Binding a factor, as the attackers who cannot pass MFA try it: a phishing relay that holds the
 * password and one code, and a helpdesk talked into a reset. Real Keycloak with the built extension
 * and the run command's realm, the real policy service, headless Chromium with a virtual security key
 * (on {@code localhost}: WebAuthn refuses an IP address), and a plain HTTP client where no key is
 * needed. The client {@code vault} and the group {@code treasury} bind factors only with an access
 * pass, as the run command's {@code wallet-admin} and {@code treasury} do. Each test has its own people.
 */
class BindingIT {

    static final String PASSWORD = "Binding-Demo-Pass-2026";
    static final String REALM = "employees";
    static final String CONSOLE_SECRET = "binding-console-secret-0123456789abcdef";
    static final Phone PHONE = new Phone();

    @TempDir
    static Path temp;

    static GreenMail mail;
    static PolicyServiceProcess service;
    static KeycloakProcess keycloak;
    static ClientApp apps;
    static String key;
    static int keycloakPort;

    @BeforeAll
    static void start() throws Exception {
        apps = ClientApp.start();
        keycloakPort = KeycloakProcess.freePort();
        int smtpPort = KeycloakProcess.freePort();
        mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        service = PolicyServiceProcess.start(temp.resolve("policy"), KeycloakProcess.freePort());
        key = service.createService("keycloak", List.of("mfa", "enrol", "idp", "credentials", "events"));
        policy("engineering", "{\"groups\":[\"engineering\"]}", "\"totp\",\"webauthn\"", "password");
        policy("treasury", "{\"groups\":[\"treasury\"]}", "\"webauthn\"", "pass");
        policy("vault", "{\"clients\":[\"vault\"]}", "\"webauthn\"", "pass");
        DemoRealm realm = realm(REALM).mail(smtpPort);
        for (String person : List.of("pat", "paz", "pia", "rita", "rosa", "kenji", "mona")) {
            realm.person(person, "/engineering", PASSWORD);
        }
        realm.person("tess", "/treasury", PASSWORD);
        person(realm, "kenji").put("attributes", Map.of("locale", List.of("ja")));
        person(realm, "mona").remove("email");
        keycloak = KeycloakProcess.start(List.of(realm.toMap()), Map.of("PORTCULLIS_URL",
                service.url(), "PORTCULLIS_API_KEY", key), temp.resolve("keycloak"), keycloakPort);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            Processes.stopAll(keycloak, service);
        } finally {
            if (apps != null) {
                apps.close();
            }
            if (mail != null) {
                mail.stop();
            }
        }
    }

    @Test
    void aRelayedPasswordAndCodeAtAPassOnlyClientReachNoRegistrationPageAndNoCode() throws Exception {
        enrol("pat", "/engineering");
        Browser relay = new Browser(apps.redirectUri("vault"));
        Browser.Page page = passwordPage(relay, REALM, "vault", "pat", "");
        assertThat(page.shows("portcullis-pass.ftl")).as(page.text()).isTrue();
        assertThat(page.body()).doesNotContain("registerWebAuthn").doesNotContain("portcullis-code-form")
                .doesNotContain("portcullis-enrol-form");
        assertThat(page.text()).contains("Ask them for an access pass");
        // the relay sends what it has: a fresh code, as a pass and as a code
        Browser.Page relayed = relay.post(page.formAction("portcullis-pass-form"),
                Map.of("pass", PHONE.code("pat"), "code", PHONE.code("pat")));
        assertThat(relayed.redirectedToClient()).isFalse();
        assertThat(relayed.shows("portcullis-pass.ftl")).as(relayed.text()).isTrue();
        assertThat(relayed.text()).contains("That access pass is not valid");
        assertThat(relayed.body()).doesNotContain("registerWebAuthn");
        // Keycloak counts it as a failed sign-in (its brute-force detection sees it), and the audit log has it
        assertThat(service.awaitAudit("pat", "LOGIN_ERROR", 1)).contains("invalid_user_credentials");
    }

    @Test
    void theAccountConsolesSetUpSecurityKeyIsNoSideDoorForARelay() throws Exception {
        enrol("paz", "/engineering");
        // what Keycloak's account console sends for "Set up security key": an application-initiated action
        Browser relay = new Browser(apps.redirectUri("notes"));
        Browser.Page page = passwordPage(relay, REALM, "notes", "paz", "&kc_action=webauthn-register");
        assertThat(page.shows("portcullis-code.ftl")).as(page.text()).isTrue();
        Browser.Page afterCode = relay.post(page.formAction("portcullis-code-form"), Map.of("code", PHONE.code("paz")));
        assertThat(afterCode.redirectedToClient()).as(afterCode.text()).isFalse();
        assertThat(afterCode.shows("portcullis-pass.ftl")).as(afterCode.text()).isTrue();
        assertThat(afterCode.body()).doesNotContain("registerWebAuthn");
    }

    @Test
    void aNewcomerUnderAPassPolicyBindsHerFirstKeyWithAPassOnceAndProvesItBeforeAnyCode() throws Exception {
        String pass = service.issuePass("tess");
        try (Chromium browser = new Chromium(screenshots())) {
            browser.plugInSecurityKey();
            signIn(browser, "vault", "tess");
            browser.find(By.id("portcullis-pass-form"));
            browser.screenshot("binding-pass");
            assertThat(browser.driver().findElements(By.id("registerWebAuthn"))).isEmpty();
            browser.type(By.id("pass"), pass.toLowerCase());
            browser.follow(By.cssSelector("#portcullis-pass-form input[type=submit]"));
            browser.click(By.id("registerWebAuthn"));
            browser.answerPrompt("Tess desk key");
            // registered, not proven: no code yet; she signs in once more, with the key
            browser.find(By.id("portcullis-key-proof"));
            assertThat(browser.url()).doesNotContain("code=");
            browser.screenshot("binding-prove-the-key");
            browser.follow(By.id("portcullis-sign-in-again"));
            browser.type(By.id("username"), "tess");
            browser.type(By.id("password"), PASSWORD);
            browser.follow(By.id("kc-login"));
            browser.click(By.id("authenticateWebAuthnButton"));
            assertThat(logins().acr(REALM, logins().codeOnArrival(browser, "vault"), "vault")).isEqualTo("phr");
        }
        // the pass was single-use: it opens nothing a second time, for her or for whoever copied it
        String passes = admin("GET", "/api/v1/admin/subjects/tess/access-passes", null, 200);
        assertThat(passes).contains("\"status\":\"used\"");
        assertThat(service.awaitAudit("tess", "mfa.pass.used", 1)).contains("\"outcome\":\"success\"");
        // she is told of the pass issued, the pass used and the key bound: when, from where, never the pass
        Map<String, String> told = new java.util.HashMap<>();
        for (MimeMessage message : Mailbox.await(mail, "tess@example.com", 3)) {
            told.put(message.getSubject(), Mailbox.text(message));
        }
        assertThat(told).containsKeys("An access pass was issued for your account",
                "An access pass was used on your account", "A new sign-in factor was added to your account");
        assertThat(told.get("An access pass was used on your account")).contains("From: ");
        assertThat(told.get("A new sign-in factor was added to your account")).contains("A security key was added")
                .contains("From: ");
        assertThat(told.values()).allSatisfy(text -> assertThat(text).doesNotContain(pass)
                .doesNotContain(pass.toLowerCase()).contains("If this was not you"));
    }

    @Test
    void aPassUsedOnceIsRefusedTheSecondTime() throws Exception {
        enrol("pia", "/engineering");
        String pass = service.issuePass("pia");
        Browser first = new Browser(apps.redirectUri("vault"));
        Browser.Page page = passwordPage(first, REALM, "vault", "pia", "");
        Browser.Page used = first.post(page.formAction("portcullis-pass-form"), Map.of("pass", pass));
        assertThat(used.body()).as(used.text()).contains("registerWebAuthn");
        // someone who saw the pass over her shoulder tries it from another browser
        Browser second = new Browser(apps.redirectUri("vault"));
        Browser.Page again = passwordPage(second, REALM, "vault", "pia", "");
        Browser.Page refused = second.post(again.formAction("portcullis-pass-form"), Map.of("pass", pass));
        assertThat(refused.text()).contains("That access pass is not valid");
        assertThat(refused.body()).doesNotContain("registerWebAuthn");
    }

    @Test
    void aResetFollowedByThePasswordAloneBindsNothing() throws Exception {
        enrol("rita", "/engineering");
        admin("DELETE", "/api/v1/admin/subjects/rita/totp", null, 204);
        // one phone call got the reset; the phished password is all the caller has
        Browser caller = new Browser(apps.redirectUri("notes"));
        Browser.Page page = passwordPage(caller, REALM, "notes", "rita", "");
        assertThat(page.shows("portcullis-pass.ftl")).as(page.text()).isTrue();
        assertThat(page.body()).doesNotContain("portcullis-enrol-form").doesNotContain("data:image/png")
                .doesNotContain("registerWebAuthn");
        assertThat(page.text()).contains("set up for your account");
        assertThat(service.call("POST", "/api/v1/subjects/rita/totp/enrolment", key, null).statusCode())
                .as("the service refuses it too").isEqualTo(403);
    }

    @Test
    void peopleAreToldOfEachChangeInTheirLanguageAndNoMessageHoldsASecret() throws Exception {
        PolicyServiceProcess.Enrolled enrolled = service.enrol(key, "kenji", "/engineering");
        String recovery = enrolled.recoveryCodes().get(0);
        assertThat(service.call("POST", "/api/v1/subjects/kenji/recovery-codes/verify", key,
                "{\"code\":\"" + recovery + "\"}").body()).contains("\"valid\":true");
        String pass = service.issuePass("kenji");
        List<MimeMessage> messages = Mailbox.await(mail, "kenji@example.com", 3);
        List<String> subjects = new java.util.ArrayList<>();
        for (MimeMessage message : messages) {
            subjects.add(message.getSubject());
            String text = Mailbox.text(message);
            assertThat(text).as("never a secret").doesNotContain(pass).doesNotContain(pass.replace("-", ""))
                    .doesNotContain(recovery).doesNotContain(enrolled.secret());
            assertThat(text).contains("日時").contains("IT セキュリティチーム");
        }
        assertThat(subjects).containsExactlyInAnyOrder("アカウントに新しいサインイン要素が追加されました",
                "アカウントでリカバリーコードが使用されました", "アカウントのアクセスパスが発行されました");
        String all = messages.stream().map(Mailbox::text).reduce("", String::concat);
        assertThat(all).contains("認証アプリ").contains("残りのリカバリーコード: 9");
        assertThat(service.awaitAudit("kenji", "mfa.notification.sent", 3)).doesNotContain(pass);
    }

    @Test
    void aResetIsToldInEnglishAndAMessageThatCannotBeSentIsAudited() throws Exception {
        service.enrol(key, "mona", "/engineering");
        assertThat(service.awaitAudit("mona", "mfa.notification.failed", 1)).contains("no email address");
        enrol("rosa", "/engineering");
        admin("DELETE", "/api/v1/admin/subjects/rosa/totp", null, 204);
        List<String> subjects = new java.util.ArrayList<>();
        for (MimeMessage message : Mailbox.await(mail, "rosa@example.com", 2)) {
            subjects.add(message.getSubject());
        }
        assertThat(subjects).contains("Your authenticator was reset");
    }

    // --- helpers

    @SuppressWarnings("unchecked")
    static Map<String, Object> person(DemoRealm realm, String username) {
        List<Map<String, Object>> users = (List<Map<String, Object>>) realm.toMap().get("users");
        for (int i = 0; i < users.size(); i++) {
            if (username.equals(users.get(i).get("username"))) {
                Map<String, Object> copy = new java.util.HashMap<>(users.get(i));
                users.set(i, copy);
                return copy;
            }
        }
        throw new IllegalArgumentException(username);
    }

    static DemoRealm realm(String name) throws Exception {
        DemoRealm realm = DemoRealm.load(service.port(), PASSWORD, CONSOLE_SECRET)
                .client("notes", apps.redirectUri("notes"), true)
                .client("vault", apps.redirectUri("vault"), false);
        realm.toMap().put("realm", name);
        return realm;
    }

    static void policy(String name, String appliesTo, String methods, String binding) throws Exception {
        admin("PUT", "/api/v1/admin/policies/" + name, "{\"appliesTo\":" + appliesTo + ",\"mfa\":{\"required\":true,"
                + "\"methods\":[" + methods + "],\"enrolmentGraceDays\":0,\"binding\":\"" + binding + "\"},"
                + "\"passwords\":{\"reuse\":\"block\",\"variantReuse\":\"warn\",\"breached\":\"block\",\"minLength\":8}}",
                201);
    }

    static String admin(String method, String path, String json, int expected) throws Exception {
        HttpResponse<String> response = service.call(method, path, PolicyServiceProcess.ADMIN_TOKEN, json);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return response.body();
    }

    static void enrol(String person, String group) throws Exception {
        PolicyServiceProcess.Enrolled enrolled = service.enrol(key, person, group);
        PHONE.enrolled(person, enrolled.secret(), enrolled.step());
    }

    static Path screenshots() {
        return Path.of("target/screenshots");
    }

    static Logins logins() {
        return new Logins(keycloak, apps, keycloakPort, PASSWORD);
    }

    static void signIn(Chromium browser, String client, String person) {
        logins().signIn(browser, REALM, client, person);
    }

    static Browser.Page passwordPage(Browser browser, String realm, String client, String person, String extra)
            throws Exception {
        return logins().passwordPage(browser, realm, client, person, extra);
    }
}
