package dev.portcullis.e2e.bench;

import dev.portcullis.e2e.support.Browser;
import dev.portcullis.e2e.support.KeycloakProcess;
import dev.portcullis.e2e.support.PolicyServiceProcess;
import dev.portcullis.e2e.support.Totp;
import dev.portcullis.keycloak.client.PolicyServiceClient;
import dev.portcullis.keycloak.client.PolicyServiceSettings;
import dev.portcullis.keycloak.mfa.PortcullisMfaAuthenticatorFactory;
import dev.portcullis.keycloak.password.PortcullisPasswordFormFactory;
import dev.portcullis.keycloak.support.MapScope;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The full browser-flow login (login page, password, TOTP code, redirect with the code) on one
 * Keycloak, in two realms: Portcullis (password form with reuse report, policy decision, TOTP by the
 * policy service, events forwarded) and Keycloak's built-in OTP form. Each person logs in once (the
 * first login, which reports their password to the policy service: one check-and-register call), then
 * {@link #WARMUP} times unmeasured and {@link #ROUNDS} times measured, each in a TOTP step of its own,
 * alternating between the realms. Prints median and p99 of the first and the measured logins, the
 * Argon2id evaluations per login of each, the ratio of the measured logins, how the decisions asked
 * ahead went, the policy service's own time per request and the median of each page.
 * Run with {@code mvn -B verify -Pbench -pl policy-service,keycloak-extension -Dit.test=LoginBenchmark}.
 */
class LoginBenchmark {

    static final int USERS = Integer.getInteger("bench.users", 150);
    /** Measured logins per person after the first (each in a TOTP time step of its own). */
    static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    /**
     * Logins per person, after the first, that are not measured: they bring both processes' code to
     * where the JIT compilers leave it, as in a server that has been up for a while.
     */
    static final int WARMUP = Integer.getInteger("bench.warmup", 8);
    /** Forward the Portcullis realm's events to the audit log ({@code -Dbench.events=false}: not). */
    static final boolean EVENTS = !"false".equals(System.getProperty("bench.events"));
    /**
     * Keycloak's theme and template caches, which dev mode turns off and production has on: on, so that
     * both flows render their pages as they would in production ({@code -Dbench.theme-cache=false}: dev mode's).
     */
    static final boolean THEME_CACHE = !"false".equals(System.getProperty("bench.theme-cache"));
    static final String PASSWORD = "Bench-Login-Password-2026";
    static final String CALLBACK = "http://127.0.0.1/callback";
    /** What the person waits for at each step of a login. */
    static final String[] PAGES = {"login page", "password submitted, code page", "code submitted, redirect"};

    @Test
    void portcullisAgainstTheBuiltInOtpFlow() throws Exception {
        Path temp = Files.createTempDirectory("portcullis-login-bench");
        try (PolicyServiceProcess service = PolicyServiceProcess.start(temp.resolve("policy"))) {
            String key = service.createService("keycloak", List.of("mfa", "enrol", "idp", "credentials", "events"));
            PolicyServiceClient client = new PolicyServiceClient(PolicyServiceSettings.from(
                    new MapScope(Map.of("url", service.url(), "api-key", key)), Map.of()));
            List<String> secrets = new ArrayList<>();
            long step = Totp.step(Instant.now().getEpochSecond());
            for (int i = 0; i < USERS; i++) {
                String secret = client.startEnrolment("user" + i).secret();
                client.confirmEnrolment("user" + i, Totp.code(secret, step));
                secrets.add(secret);
            }
            List<String> options = THEME_CACHE ? List.of("--spi-theme--cache-themes=true",
                    "--spi-theme--cache-templates=true") : List.of();
            try (KeycloakProcess keycloak = KeycloakProcess.start(List.of(portcullisRealm(), builtInRealm()),
                    Map.of("PORTCULLIS_URL", service.url(), "PORTCULLIS_API_KEY", key), temp.resolve("keycloak"),
                    KeycloakProcess.freePort(), options)) {
                awaitNextStep(step);
                long[] firstPortcullis = new long[USERS];
                long[] firstBuiltIn = new long[USERS];
                double evaluations = service.argon2idEvaluations();
                for (int i = 0; i < USERS; i++) {
                    firstPortcullis[i] = login(keycloak, "bench-portcullis", i, Totp.code(secrets.get(i), now()));
                    firstBuiltIn[i] = login(keycloak, "bench-builtin", i, Totp.code(builtInKey(i), now()));
                }
                double firstLoginEvaluations = (service.argon2idEvaluations() - evaluations) / USERS;
                Arrays.sort(firstPortcullis);
                Arrays.sort(firstBuiltIn);
                long[] portcullis = new long[USERS * ROUNDS];
                long[] builtIn = new long[USERS * ROUNDS];
                long[][] portcullisPages = new long[PAGES.length][USERS * ROUNDS];
                long[][] builtInPages = new long[PAGES.length][USERS * ROUNDS];
                double[][] served = null;
                for (int round = -WARMUP; round < ROUNDS; round++) {
                    awaitNextStep(now()); // each code once: every round in a time step of its own
                    if (round == 0) {
                        served = served(service);
                        evaluations = service.argon2idEvaluations();
                    }
                    for (int i = 0; i < USERS; i++) {
                        boolean measured = round >= 0;
                        int n = measured ? round * USERS + i : 0;
                        long timePortcullis = login(keycloak, "bench-portcullis", i, null, secrets.get(i),
                                measured ? portcullisPages : null, n);
                        long timeBuiltIn = login(keycloak, "bench-builtin", i, null, null, measured ? builtInPages : null, n);
                        if (measured) {
                            portcullis[n] = timePortcullis;
                            builtIn[n] = timeBuiltIn;
                        }
                    }
                }
                Arrays.sort(portcullis);
                Arrays.sort(builtIn);
                System.out.printf("%nBrowser-flow login (login page, password, TOTP, redirect), %d people per realm,"
                        + " one at a time, alternating; Keycloak dev mode with its theme caches %s, %d cores shared with"
                        + " the policy service; Portcullis realm's events %s%n", USERS,
                        THEME_CACHE ? "on (as in production)" : "off (-Dbench.theme-cache=false)",
                        Runtime.getRuntime().availableProcessors(),
                        EVENTS ? "forwarded to the audit log" : "not forwarded (-Dbench.events=false)");
                System.out.printf("  A first login, whose password Portcullis has not seen (checked and registered in one"
                        + " call, %.2f Argon2id per login):%n", firstLoginEvaluations);
                print("Portcullis (password form + portcullis-mfa)", firstPortcullis);
                print("Keycloak built-in OTP form", firstBuiltIn);
                System.out.printf("  %d later logins of each after %d unmeasured, password already reported (%.2f Argon2id"
                        + " per login):%n", ROUNDS, WARMUP, (service.argon2idEvaluations() - evaluations) / (USERS * ROUNDS));
                print("Portcullis (password form + portcullis-mfa)", portcullis);
                print("Keycloak built-in OTP form", builtIn);
                System.out.printf("  median ratio %.2f   p99 ratio %.2f%n", percentile(portcullis, 0.5)
                        / (double) percentile(builtIn, 0.5), percentile(portcullis, 0.99)
                        / (double) percentile(builtIn, 0.99));
                Map<String, String> info = keycloak.providerInfo("portcullis", "default");
                System.out.printf("  Decisions asked ahead while Keycloak checked the password: %s used, %s asked"
                        + " again, %s dropped%n", info.get("decisionsAheadUsed"), info.get("decisionsAheadAskedAgain"),
                        info.get("decisionsAheadDropped"));
                double[][] servedAfter = served(service);
                System.out.print("  The policy service's own time per request (mean, from its metrics):");
                for (int call = 0; call < CALLS.length; call++) {
                    System.out.printf(" %s %.2f ms%s", CALLS[call], 1000 * (servedAfter[call][1] - served[call][1])
                            / Math.max(1, servedAfter[call][0] - served[call][0]), call + 1 < CALLS.length ? "," : "\n");
                }
                System.out.println("  Each page of the later logins, median (Portcullis / built-in):");
                for (int page = 0; page < PAGES.length; page++) {
                    Arrays.sort(portcullisPages[page]);
                    Arrays.sort(builtInPages[page]);
                    System.out.printf("    %-36s %6.1f / %6.1f ms%n", PAGES[page],
                            percentile(portcullisPages[page], 0.5) / 1000.0, percentile(builtInPages[page], 0.5) / 1000.0);
                }
            }
        }
    }

    /** The policy service's requests of a later login: the decision (asked ahead), the code, the events. */
    static final String[] CALLS = {"/decisions/login", "/totp/verify", "/events"};

    static double[][] served(PolicyServiceProcess service) throws Exception {
        double[][] served = new double[CALLS.length][];
        for (int call = 0; call < CALLS.length; call++) {
            served[call] = service.requestSeconds(CALLS[call]);
        }
        return served;
    }

    static long now() {
        return Totp.step(Instant.now().getEpochSecond());
    }

    static void awaitNextStep(long step) throws InterruptedException {
        while (now() <= step) {
            Thread.sleep(200);
        }
    }

    /**
     * One login; returns its time in microseconds, and puts the time of each page into {@code pages[page][n]}.
     * The code is computed once the code page is there (not counted).
     */
    static long login(KeycloakProcess keycloak, String realm, int user, String code, String portcullisSecret,
            long[][] pages, int n) throws Exception {
        long started = System.nanoTime();
        Browser browser = new Browser(CALLBACK);
        Browser.Page page = browser.get(keycloak.url() + "/realms/" + realm + "/protocol/openid-connect/auth"
                + "?client_id=bench&response_type=code&scope=openid&redirect_uri=" + CALLBACK);
        long loginPage = System.nanoTime();
        page = browser.post(page.formAction("kc-form-login"), Map.of("username", "user" + user, "password", PASSWORD));
        long codePage = System.nanoTime();
        String otp = code != null ? code : portcullisSecret != null ? Totp.code(portcullisSecret, now())
                : Totp.code(builtInKey(user), now());
        long submitted = System.nanoTime();
        page = portcullisSecret != null || realm.equals("bench-portcullis")
                ? browser.post(page.formAction("portcullis-code-form"), Map.of("code", otp))
                : browser.post(page.formAction("kc-otp-login-form"), Map.of("otp", otp));
        long done = System.nanoTime();
        if (!page.redirectedToClient()) {
            throw new AssertionError(realm + " user" + user + " did not get in: " + page.text());
        }
        if (pages != null) {
            pages[0][n] = (loginPage - started) / 1000;
            pages[1][n] = (codePage - loginPage) / 1000;
            pages[2][n] = (done - submitted) / 1000;
        }
        return (codePage - started + done - submitted) / 1000;
    }

    static long login(KeycloakProcess keycloak, String realm, int user, String code) throws Exception {
        return login(keycloak, realm, user, code, null, null, 0);
    }

    static byte[] builtInKey(int user) {
        return ("bench-otp-secret-" + user + "-0123456789").getBytes(StandardCharsets.UTF_8);
    }

    static long percentile(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }

    static void print(String name, long[] sorted) {
        System.out.printf("  %-46s median %6.1f ms   p99 %6.1f ms%n", name, percentile(sorted, 0.5) / 1000.0,
                percentile(sorted, 0.99) / 1000.0);
    }

    static Map<String, Object> realm(String name, List<Map<String, Object>> executions, boolean builtInOtp,
            List<String> listeners) {
        Map<String, Object> forms = Map.of("alias", "forms", "providerId", "basic-flow", "topLevel", false,
                "builtIn", false, "authenticationExecutions", executions);
        Map<String, Object> browser = Map.of("alias", "bench-browser", "providerId", "basic-flow", "topLevel", true,
                "builtIn", false, "authenticationExecutions", List.of(
                        execution("auth-cookie", "ALTERNATIVE", 10),
                        Map.of("flowAlias", "forms", "requirement", "ALTERNATIVE", "priority", 20,
                                "authenticatorFlow", true, "autheticatorFlow", true, "userSetupAllowed", false)));
        List<Map<String, Object>> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            List<Map<String, Object>> credentials = new ArrayList<>();
            credentials.add(Map.of("type", "password", "value", PASSWORD, "temporary", false));
            if (builtInOtp) {
                credentials.add(Map.of("type", "otp", "userLabel", "phone",
                        "secretData", "{\"value\":\"" + new String(builtInKey(i), StandardCharsets.UTF_8) + "\"}",
                        "credentialData", "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,"
                                + "\"algorithm\":\"HmacSHA1\"}"));
            }
            users.add(Map.of("username", "user" + i, "enabled", true, "email", "user" + i + "@example.com",
                    "emailVerified", true, "firstName", "User", "lastName", String.valueOf(i),
                    "credentials", credentials));
        }
        return Map.of("realm", name, "enabled", true, "browserFlow", "bench-browser",
                // listeners get every event whether or not Keycloak also saves them in its own database
                // ("eventsEnabled"); neither realm saves them, so both do the same work in Keycloak
                "eventsEnabled", false, "eventsListeners", listeners,
                "authenticationFlows", List.of(browser, forms),
                "clients", List.of(Map.of("clientId", "bench", "publicClient", true, "enabled", true,
                        "standardFlowEnabled", true, "redirectUris", List.of(CALLBACK + "*"))),
                "users", users);
    }

    static Map<String, Object> portcullisRealm() {
        return realm("bench-portcullis", List.of(execution(PortcullisPasswordFormFactory.ID, "REQUIRED", 10),
                execution(PortcullisMfaAuthenticatorFactory.ID, "REQUIRED", 20)), false,
                EVENTS ? List.of("portcullis-events") : List.of());
    }

    static Map<String, Object> builtInRealm() {
        return realm("bench-builtin", List.of(execution("auth-username-password-form", "REQUIRED", 10),
                execution("auth-otp-form", "REQUIRED", 20)), true, List.of());
    }

    static Map<String, Object> execution(String authenticator, String requirement, int priority) {
        return Map.of("authenticator", authenticator, "requirement", requirement, "priority", priority,
                "authenticatorFlow", false, "autheticatorFlow", false, "userSetupAllowed", false);
    }
}
