package dev.portcullis.e2e.doors;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.portcullis.e2e.support.Browser;
import dev.portcullis.e2e.support.DemoRealm;
import dev.portcullis.e2e.support.Jwt;
import dev.portcullis.e2e.support.KeycloakProcess;
import dev.portcullis.e2e.support.Mailbox;
import dev.portcullis.e2e.support.Phone;
import dev.portcullis.e2e.support.PolicyServiceProcess;
import dev.portcullis.e2e.support.Processes;
import dev.portcullis.e2e.support.Totp;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An attacker holds an employee's phished password and tries every door of the run command's realm:
 * the password grant through admin-cli and through an application client, an SSO session from a
 * weaker login, the forgotten-password link. None of them yields a token without the second factor
 * that the person's policy demands. Real Keycloak with the built extension, the real policy service,
 * a real SMTP server (GreenMail). Each test uses its own people, so each can run alone.
 */
class SideDoorsIT {

    static final String PASSWORD = "Side-Doors-Demo-Pass-2026";
    static final String CALLBACK = "http://127.0.0.1/callback";
    static final String REALM = "employees";
    static final String CONSOLE_SECRET = "side-doors-console-secret-0123456789abcdef";

    @TempDir
    static Path temp;

    static PolicyServiceProcess service;
    static KeycloakProcess keycloak;
    static GreenMail mail;
    static String key;
    static final Phone PHONE = new Phone();
    static int keycloakPort;
    static Map<String, String> consoleSignIn;

    @BeforeAll
    static void start() throws Exception {
        int smtpPort = KeycloakProcess.freePort();
        mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        keycloakPort = KeycloakProcess.freePort();
        // the admin API checks the realm's tokens, as it does with the run command
        consoleSignIn = Map.of("PORTCULLIS_CONSOLE_ISSUER", "http://127.0.0.1:" + keycloakPort + "/realms/" + REALM,
                "PORTCULLIS_CONSOLE_CLIENT_SECRET", CONSOLE_SECRET);
        service = PolicyServiceProcess.start(temp.resolve("policy"), KeycloakProcess.freePort(), consoleSignIn);
        key = service.createService("keycloak", List.of("mfa", "enrol", "idp", "credentials", "events"));
        policy("engineering", "{\"groups\":[\"engineering\"]}");
        policy("wallet-admin", "{\"clients\":[\"wallet-admin\"]}");
        DemoRealm realm = DemoRealm.load(service.port(), PASSWORD, CONSOLE_SECRET)
                .client("wiki", CALLBACK, true).clientSetting("wallet-admin", "redirectUris", List.of(CALLBACK + "*"))
                .mail(smtpPort);
        for (String person : List.of("frank", "gina", "hank", "ivan", "jane", "leo", "nick", "olga", "quinn")) {
            realm.person(person, "/finance", PASSWORD);
        }
        realm.toMap().put("editUsernameAllowed", true); // admins rename people here
        realm.toMap().put("identityProviders", List.of(partnerProvider()));
        keycloak = KeycloakProcess.start(List.of(realm.toMap(), partnerRealm()), Map.of("PORTCULLIS_URL", service.url(),
                "PORTCULLIS_API_KEY", key), temp.resolve("keycloak"), keycloakPort);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            Processes.stopAll(keycloak, service);
        } finally {
            if (mail != null) {
                mail.stop();
            }
        }
    }

    static final String PARTNER_SECRET = "partner-broker-secret-0123456789abcdef";

    /** Another realm of the same Keycloak, standing in for a partner's identity provider. */
    static Map<String, Object> partnerRealm() {
        String broker = "http://127.0.0.1:" + keycloakPort + "/realms/" + REALM + "/broker/partner/endpoint";
        return Map.of("realm", "partner", "enabled", true,
                "clients", List.of(Map.of("clientId", "employees-broker", "enabled", true, "publicClient", false,
                        "secret", PARTNER_SECRET, "standardFlowEnabled", true, "redirectUris", List.of(broker + "*"))),
                "users", List.of(Map.of("username", "pat", "enabled", true, "email", "pat@partner.example",
                        "emailVerified", true, "firstName", "Pat", "lastName", "Partner",
                        "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false)))));
    }

    /** The employees realm's provider for it, with Portcullis MFA after every login through it. */
    static Map<String, Object> partnerProvider() {
        String partner = "http://127.0.0.1:" + keycloakPort + "/realms/partner/protocol/openid-connect";
        return Map.of("alias", "partner", "providerId", "oidc", "enabled", true, "trustEmail", true,
                "firstBrokerLoginFlowAlias", "first broker login", "postBrokerLoginFlowAlias", "portcullis-post-broker",
                "config", Map.ofEntries(Map.entry("authorizationUrl", partner + "/auth"),
                        Map.entry("tokenUrl", partner + "/token"), Map.entry("clientId", "employees-broker"),
                        Map.entry("clientSecret", PARTNER_SECRET), Map.entry("clientAuthMethod", "client_secret_post"),
                        Map.entry("issuer", "http://127.0.0.1:" + keycloakPort + "/realms/partner"),
                        Map.entry("useJwksUrl", "true"), Map.entry("jwksUrl", partner + "/certs"),
                        Map.entry("validateSignature", "true"), Map.entry("defaultScope", "openid profile email"),
                        Map.entry("syncMode", "IMPORT")));
    }

    /** A policy that demands MFA now (no grace) of whom {@code appliesTo} names. */
    static void policy(String name, String appliesTo) throws Exception {
        HttpResponse<String> put = service.call("PUT", "/api/v1/admin/policies/" + name,
                PolicyServiceProcess.ADMIN_TOKEN, "{\"appliesTo\":" + appliesTo + ",\"mfa\":{\"required\":true,"
                        + "\"methods\":[\"totp\",\"webauthn\"],\"enrolmentGraceDays\":0},\"passwords\":{\"reuse\":"
                        + "\"block\",\"variantReuse\":\"warn\",\"breached\":\"block\",\"minLength\":8}}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    }

    /** Enrols a person's authenticator through Keycloak's key, as the enrolment page would. */
    static void enrol(String person, String group) throws Exception {
        PolicyServiceProcess.Enrolled enrolled = service.enrol(key, person, group);
        PHONE.enrolled(person, enrolled.secret(), enrolled.step());
    }

    static HttpResponse<String> grant(String client, String person, Map<String, String> extra) throws Exception {
        Map<String, String> form = new java.util.HashMap<>(Map.of("grant_type", "password", "client_id", client,
                "username", person, "password", PASSWORD, "scope", "openid"));
        form.putAll(extra);
        return keycloak.token(REALM, form);
    }

    /**
     * Keycloak reported nick's password when it was set (the realm import); the VPN reports the same one
     * later. His next login sends no password anywhere, yet ends on the change-password page: the login
     * decision names the VPN.
     */
    @Test
    void aPasswordReusedLaterAtTheVpnMustBeChangedAtTheNextLogin() throws Exception {
        // a VPN of its own: another test registers "vpn" with other scopes
        String vpnKey = service.createService("vpn-gateway", List.of("credentials"));
        assertThat(service.call("PUT", "/api/v1/credentials/nick/vpn-gateway", vpnKey, "{\"password\":\"" + PASSWORD + "\"}")
                .statusCode()).isEqualTo(204);
        Browser browser = new Browser(CALLBACK);
        Browser.Page login = browser.get(keycloak.url() + "/realms/" + REALM + "/protocol/openid-connect/auth"
                + "?client_id=wiki&response_type=code&scope=openid&redirect_uri=" + CALLBACK);
        Browser.Page reminder = browser.post(login.formAction("kc-form-login"),
                Map.of("username", "nick", "password", PASSWORD));
        assertThat(reminder.shows("portcullis-reminder.ftl")).as(reminder.text()).isTrue();
        Browser.Page change = browser.post(reminder.formAction("portcullis-reminder-form"), Map.of("choice", "later"));
        assertThat(change.body()).as(change.text()).contains("kc-passwd-update-form");
        assertThat(change.redirectedToClient()).isFalse();
        Browser.Page done = browser.post(change.formAction("kc-passwd-update-form"),
                Map.of("password-new", "Nick-Fresh-Harbour-Walk", "password-confirm", "Nick-Fresh-Harbour-Walk"));
        assertThat(done.redirectedToClient()).as(done.text()).isTrue();
    }

    /**
     * While Keycloak checks olga's password, her login decision is asked for ahead, as a preview that
     * records nothing. A wrong password drops it (and gets no further); a right one uses it, and she still
     * meets her code: the decision asked ahead is the one the policy service would have taken.
     */
    @Test
    void aDecisionAskedAheadIsDroppedForAWrongPasswordAndUsedForARightOne() throws Exception {
        enrol("olga", "/finance");
        assertThat(wikiLogin("olga", PASSWORD, true).redirectedToClient()).isTrue(); // her first: reported, recorded
        Map<String, String> before = keycloak.providerInfo("portcullis", "default");

        Browser.Page wrong = wikiLogin("olga", "Not-" + PASSWORD, false);
        assertThat(wrong.body()).contains("kc-form-login").doesNotContain("portcullis-code-form");
        assertThat(counted(before, "decisionsAheadDropped")).isEqualTo(1);
        assertThat(counted(before, "decisionsAheadUsed")).isZero();

        assertThat(wikiLogin("olga", PASSWORD, true).redirectedToClient()).isTrue();
        assertThat(counted(before, "decisionsAheadUsed")).isEqualTo(1);
        assertThat(counted(before, "decisionsAheadAskedAgain")).isZero();
    }

    /** A login to the wiki; with {@code code}, through the code page with the phone's next code. */
    static Browser.Page wikiLogin(String person, String password, boolean code) throws Exception {
        Browser browser = new Browser(CALLBACK);
        Browser.Page login = browser.get(keycloak.url() + "/realms/" + REALM + "/protocol/openid-connect/auth"
                + "?client_id=wiki&response_type=code&scope=openid&redirect_uri=" + CALLBACK);
        Browser.Page next = browser.post(login.formAction("kc-form-login"), Map.of("username", person, "password", password));
        if (!code) {
            return next;
        }
        assertThat(next.shows("portcullis-code.ftl")).as(next.text()).isTrue();
        return browser.post(next.formAction("portcullis-code-form"), Map.of("code", PHONE.code(person)));
    }

    static long counted(Map<String, String> before, String counter) throws Exception {
        return Long.parseLong(keycloak.providerInfo("portcullis", "default").get(counter))
                - Long.parseLong(before.get(counter));
    }

    /**
     * Keycloak keeps usernames mutable and reusable, and its user id immutable: a renamed account keeps
     * its authenticator, and a new account made with a departed person's name (a helpdesk re-creating
     * "quinn") gets none of it and must enrol. The renamed person's history follows them.
     */
    @Test
    void aRenamedAccountKeepsItsAuthenticatorAndANewAccountWithItsOldNameInheritsNothing() throws Exception {
        enrol("quinn", "/finance");
        HttpResponse<String> first = grant("admin-cli", "quinn", Map.of("otp", PHONE.code("quinn")));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);

        String admin = Jwt.field(keycloak.passwordGrant("master", KeycloakProcess.ADMIN, KeycloakProcess.ADMIN_PASSWORD)
                .body(), "access_token");
        String users = "/admin/realms/" + REALM + "/users";
        String found = keycloakAdmin(admin, "GET", users + "?exact=true&username=quinn", null, 200);
        String id = Jwt.field(found.substring(1, found.length() - 1), "id");
        String representation = keycloakAdmin(admin, "GET", users + "/" + id, null, 200);
        keycloakAdmin(admin, "PUT", users + "/" + id,
                representation.replace("\"username\":\"quinn\"", "\"username\":\"quinn.moved\""), 204);

        assertRefused(grant("admin-cli", "quinn.moved", Map.of()), "invalid_request", "a one-time code is required");
        HttpResponse<String> moved = grant("admin-cli", "quinn.moved", Map.of("otp", PHONE.code("quinn")));
        assertThat(moved.statusCode()).as("her own authenticator, under her new name: " + moved.body()).isEqualTo(200);
        String history = service.awaitAudit("quinn.moved", "subject.renamed", 1);
        assertThat(history).contains("\"to\":\"quinn.moved\"").contains("mfa.totp.verified");

        keycloakAdmin(admin, "POST", users, "{\"username\":\"quinn\",\"enabled\":true,\"email\":"
                + "\"quinn.new@example.com\",\"emailVerified\":true,\"firstName\":\"Quinn\",\"lastName\":\"New\","
                + "\"groups\":[\"/finance\"],\"credentials\":[{\"type\":\"password\",\"value\":\"" + PASSWORD
                + "\",\"temporary\":false}]}", 201);
        // the first quinn's codes open nothing for the new account, which has no factor: it must enrol
        assertRefused(grant("admin-cli", "quinn", Map.of("otp", PHONE.code("quinn"))), "invalid_grant",
                "two-step verification is required");
        HttpResponse<String> status = service.call("GET", "/api/v1/admin/subjects/quinn.moved/mfa",
                PolicyServiceProcess.ADMIN_TOKEN, null);
        assertThat(status.body()).contains("\"enrolledMethods\":[\"totp\"]").contains("\"username\":\"quinn.moved\"");
    }

    static String keycloakAdmin(String token, String method, String path, String json, int expected) throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(keycloak.url() + path)).header("Authorization", "Bearer " + token)
                .method(method, json == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isEqualTo(expected);
        return answer.body();
    }

    static void assertRefused(HttpResponse<String> answer, String error, String description) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isIn(400, 401);
        assertThat(answer.body()).doesNotContain("access_token");
        assertThat(Jwt.field(answer.body(), "error")).isEqualTo(error);
        assertThat(Jwt.field(answer.body(), "error_description")).contains(description);
    }

    @Test
    void thePasswordGrantGivesNoTokenWithoutTheCodeAndOneTokenPerCode() throws Exception {
        enrol("frank", "/finance");
        assertRefused(grant("admin-cli", "frank", Map.of()), "invalid_request", "a one-time code is required");

        String code = PHONE.code("frank");
        HttpResponse<String> tokens = grant("admin-cli", "frank", Map.of("otp", code));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        // admin-cli's access tokens are lightweight: the ID token carries the level
        Map<String, Object> claims = Jwt.claims(Jwt.field(tokens.body(), "id_token"));
        assertThat(claims).containsEntry("acr", "mfa").containsEntry("azp", "admin-cli");

        assertRefused(grant("admin-cli", "frank", Map.of("otp", code)), "invalid_grant", "not right, or was used already");
        assertRefused(grant("admin-cli", "frank", Map.of("otp", "12345a")), "invalid_grant", "not right");
    }

    @Test
    void anApplicationClientWithThePasswordGrantAsksTheSameAndItsTokensAreNothingToPortcullis() throws Exception {
        enrol("gina", "/finance");
        assertRefused(grant("wiki", "gina", Map.of()), "invalid_request", "a one-time code is required");
        HttpResponse<String> tokens = grant("wiki", "gina", Map.of("totp", PHONE.code("gina")));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        assertThat(Jwt.claims(Jwt.field(tokens.body(), "access_token"))).containsEntry("acr", "mfa")
                .containsEntry("azp", "wiki");

        // carol (policy-admin) with her second factor, through the wiki: a real token, worthless to the admin API
        enrol("carol", "/none");
        HttpResponse<String> carol = grant("wiki", "carol", Map.of("otp", PHONE.code("carol")));
        assertThat(carol.statusCode()).as(carol.body()).isEqualTo(200);
        String wikiToken = Jwt.field(carol.body(), "access_token");
        assertThat(Jwt.claims(wikiToken).toString()).contains("policy-admin");
        HttpResponse<String> policies = service.call("GET", "/api/v1/admin/policies", wikiToken, null);
        assertThat(policies.statusCode()).isEqualTo(401);
        assertThat(policies.body()).contains("issued to another application ('wiki')");
        assertThat(service.call("POST", "/api/v1/audit/purge?olderThanDays=1", wikiToken, null).statusCode())
                .isEqualTo(401);
    }

    @Test
    void peopleWhoMustEnrolOrAreInTheirGracePeriodGetNoTokenFromThePasswordAlone() throws Exception {
        assertRefused(grant("admin-cli", "alice", Map.of()), "invalid_grant",
                "set it up by signing in through the browser");
        assertRefused(grant("admin-cli", "jane", Map.of()), "invalid_grant", "days left");
        // the console's auditor has no grace at all
        assertRefused(grant("admin-cli", "dave", Map.of("otp", "123456")), "invalid_grant",
                "set it up by signing in through the browser");
    }

    @Test
    void withThePolicyServiceDownThePasswordGrantIsRefusedWithinTheTimeout() throws Exception {
        int port = service.port();
        service.close();
        try {
            long started = System.nanoTime();
            HttpResponse<String> answer = grant("admin-cli", "ivan", Map.of("otp", "123456"));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertRefused(answer, "invalid_grant", "cannot be checked just now");
            assertThat(millis).as("ms until refused").isLessThan(3_000);
        } finally {
            service = PolicyServiceProcess.start(temp.resolve("policy"), port, consoleSignIn);
        }
    }

    @Test
    void quickPasswordGuessesLockThePersonOutOfThePasswordGrant() throws Exception {
        for (String guess : List.of("Guess-Number-One-2026", "Guess-Number-Two-2026")) {
            assertThat(keycloak.passwordGrant(REALM, "leo", guess).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> right = keycloak.passwordGrant(REALM, "leo", PASSWORD);
        assertThat(right.statusCode()).isIn(400, 401);
        assertThat(right.body()).doesNotContain("access_token").doesNotContain("two-step");
    }

    @Test
    void anSsoSessionFromAGracePeriodLoginIsSteppedUpAtAClientThatDemandsMfaNow() throws Exception {
        String account = keycloak.url() + "/realms/" + REALM + "/account/";
        Browser browser = new Browser(account, CALLBACK);
        Browser.Page login = browser.get(keycloak.url() + "/realms/" + REALM + "/protocol/openid-connect/auth"
                + "?client_id=account-console&response_type=code&scope=openid&redirect_uri=" + account
                + "&code_challenge_method=S256&code_challenge=" + "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        Browser.Page reminder = browser.post(login.formAction("kc-form-login"),
                Map.of("username", "bob", "password", PASSWORD));
        assertThat(reminder.shows("portcullis-reminder.ftl")).as(reminder.body()).isTrue();
        Browser.Page inAccount = browser.post(reminder.formAction("portcullis-reminder-form"), Map.of("choice", "later"));
        assertThat(inAccount.redirectedToClient()).as(inAccount.body()).isTrue();

        // the same browser, with its SSO cookie, opens the wallet admin: no code before bob enrols
        Browser.Page wallet = browser.get(walletLogin());
        assertThat(wallet.redirectedToClient()).as("a code was returned on the cookie alone").isFalse();
        assertThat(wallet.shows("portcullis-enrol.ftl")).as(wallet.body()).isTrue();
        Matcher secret = Pattern.compile("data-secret=\"([A-Z2-7]+)\"").matcher(wallet.body());
        assertThat(secret.find()).isTrue();
        long step = Phone.now();
        PHONE.enrolled("bob", secret.group(1), step);
        Browser.Page codes = browser.post(wallet.formAction("portcullis-enrol-form"),
                Map.of("code", Totp.code(secret.group(1), step)));
        assertThat(codes.shows("portcullis-recovery-codes.ftl")).as(codes.body()).isTrue();
        Browser.Page done = browser.post(codes.formAction("portcullis-recovery-codes-form"), Map.of("continue", "1"));
        assertThat(done.redirectedToClient()).as(done.body()).isTrue();
        HttpResponse<String> tokens = keycloak.exchangeCode(REALM, "wallet-admin", CALLBACK, done.code());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        assertThat(Jwt.claims(Jwt.field(tokens.body(), "id_token"))).containsEntry("acr", "mfa");

        // the session has proven the second factor now: the wallet admin again needs no new code, nor
        // the password, even when it asks for the second factor itself
        Browser.Page again = browser.get(walletLogin() + "&acr_values=mfa");
        assertThat(again.redirectedToClient()).as(again.body()).isTrue();
        HttpResponse<String> second = keycloak.exchangeCode(REALM, "wallet-admin", CALLBACK, again.code());
        assertThat(Jwt.claims(Jwt.field(second.body(), "access_token"))).containsEntry("acr", "mfa");
    }

    static String walletLogin() {
        return keycloak.url() + "/realms/" + REALM + "/protocol/openid-connect/auth?client_id=wallet-admin"
                + "&response_type=code&scope=openid&redirect_uri=" + CALLBACK;
    }

    @Test
    void aForgottenPasswordLinkLeadsToTheSecondFactorBeforeTheNewPasswordOrAnySession() throws Exception {
        enrol("hank", "/finance");
        Browser browser = new Browser(CALLBACK);
        Browser.Page login = browser.get(walletLogin());
        String reset = login.link("login-actions/reset-credentials");
        Browser.Page forgot = browser.get(reset.startsWith("http") ? reset : keycloak.url() + reset);
        Browser.Page sent = browser.post(forgot.formAction("kc-reset-password-form"), Map.of("username", "hank"));
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        // hank's mailbox also gets the notice of the authenticator he set up: the reset link is the one with a link
        Matcher link = null;
        for (long deadline = System.nanoTime() + 15_000_000_000L; link == null && System.nanoTime() < deadline; ) {
            for (MimeMessage message : mail.getReceivedMessagesForDomain("hank@example.com")) {
                Matcher found = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/realms/employees/login-actions/"
                        + "action-token\\?[^\\s\"<]+)").matcher(Mailbox.text(message));
                link = found.find() ? found : link;
            }
            Thread.sleep(link == null ? 200 : 0);
        }
        assertThat(link).as("a reset link reached hank@example.com").isNotNull();

        Browser.Page afterLink = browser.get(link.group(1).replace("&amp;", "&"));
        assertThat(afterLink.shows("portcullis-code.ftl")).as("the mailbox alone must not reach the new password: "
                + afterLink.body()).isTrue();
        assertThat(afterLink.body()).doesNotContain("kc-passwd-update-form");
        Browser.Page wrong = browser.post(afterLink.formAction("portcullis-code-form"), Map.of("code", "000000"));
        assertThat(wrong.body()).doesNotContain("kc-passwd-update-form");
        assertThat(wrong.redirectedToClient()).isFalse();

        Browser.Page newPassword = browser.post(wrong.formAction("portcullis-code-form"),
                Map.of("code", PHONE.code("hank")));
        assertThat(newPassword.body()).as(newPassword.body()).contains("kc-passwd-update-form");
        Browser.Page done = browser.post(newPassword.formAction("kc-passwd-update-form"),
                Map.of("password-new", "Hank-Fresh-Lantern-9931", "password-confirm", "Hank-Fresh-Lantern-9931"));
        assertThat(done.redirectedToClient()).as(done.body()).isTrue();
        HttpResponse<String> tokens = keycloak.exchangeCode(REALM, "wallet-admin", CALLBACK, done.code());
        assertThat(Jwt.claims(Jwt.field(tokens.body(), "id_token"))).containsEntry("acr", "mfa");
    }

    @Test
    void aLoginThroughAnIdentityProviderStillMeetsTheMfaStep() throws Exception {
        Browser browser = new Browser(CALLBACK);
        Browser.Page login = browser.get(walletLogin());
        String viaPartner = login.link("/broker/partner/login");
        Browser.Page partner = browser.get(viaPartner.startsWith("http") ? viaPartner : keycloak.url() + viaPartner);
        assertThat(partner.url()).contains("/realms/partner/");
        Browser.Page back = browser.post(partner.formAction("kc-form-login"), Map.of("username", "pat",
                "password", PASSWORD));
        assertThat(back.redirectedToClient()).as("a code was returned on the partner's password alone").isFalse();
        assertThat(back.shows("portcullis-enrol.ftl")).as(back.body()).isTrue();
    }

    @Test
    void aKeyWithTheMfaScopeAloneCannotEnrolAnyoneButKeycloaksKeyCan() throws Exception {
        String vpn = service.createService("vpn", List.of("mfa"));
        assertThat(service.call("POST", "/api/v1/decisions/login", vpn, "{\"subject\":\"kim\"}").statusCode())
                .isEqualTo(200);
        HttpResponse<String> refused = service.call("POST", "/api/v1/subjects/kim/totp/enrolment", vpn, null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain("secret");
        assertThat(service.call("POST", "/api/v1/subjects/kim/totp/enrolment", key, null).statusCode()).isEqualTo(201);
    }
}
