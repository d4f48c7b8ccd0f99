package dev.portcullis.policy.credentials;

import static dev.portcullis.policy.support.Api.admin;
import static dev.portcullis.policy.support.Api.as;
import static dev.portcullis.policy.support.Api.createService;
import static dev.portcullis.policy.support.Api.signedInOnce;
import static dev.portcullis.policy.support.Api.uniqueName;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.portcullis.policy.persistence.Database;
import dev.portcullis.policy.support.LogCapture;
import dev.portcullis.policy.support.Tables;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Password checks, fingerprints and the reuse report, as services and admins use them, on each database. */
public abstract class CredentialApiContract {

    @Inject
    Database database;

    String keycloak;
    String keycloakKey;
    String vpn;
    String vpnKey;
    String subject;

    @BeforeEach
    void setUp() {
        keycloak = uniqueName("keycloak");
        keycloakKey = createService(keycloak, "credentials", "idp");
        vpn = uniqueName("vpn");
        vpnKey = createService(vpn, "credentials");
        subject = signedInOnce(uniqueName("alice"));
    }

    static Response check(String key, String subject, String service, Object password, List<String> groups) {
        Map<String, Object> body = new HashMap<>();
        body.put("subject", subject);
        body.put("service", service);
        body.put("password", password);
        body.put("groups", groups);
        return as(key).body(body).post("/api/v1/credentials/check");
    }

    Response check(String password) {
        return check(keycloakKey, subject, keycloak, password, List.of());
    }

    static Response register(String key, String subject, String service, Object password) {
        Map<String, Object> body = new HashMap<>();
        body.put("password", password);
        return as(key).body(body).put("/api/v1/credentials/" + subject + "/" + service);
    }

    @Test
    void aFreshPasswordIsAllowed() {
        check("vX9#kq2!Lm-fresh").then().statusCode(200)
                .body("action", equalTo("ALLOW"))
                .body("findings", empty())
                .body("policy", equalTo("baseline"));
    }

    @Test
    void thePasswordOfAnotherServiceIsBlockedAndThatServiceNamed() {
        register(vpnKey, subject, vpn, "Orchard-Lantern-42").then().statusCode(204);
        check("Orchard-Lantern-42").then().statusCode(200)
                .body("action", equalTo("BLOCK"))
                .body("findings[0].type", equalTo("REUSED"))
                .body("findings[0].level", equalTo("block"))
                .body("findings[0].services", equalTo(List.of(vpn)));
        // Fingerprints are per person: someone else may have the same password.
        check(keycloakKey, uniqueName("bob"), keycloak, "Orchard-Lantern-42", List.of()).then()
                .body("action", equalTo("ALLOW"));
        // A service's own current password is not reuse.
        check(keycloakKey, subject, vpn, "Orchard-Lantern-42", List.of()).then().body("action", equalTo("ALLOW"));
    }

    @Test
    void aTrivialVariantWarnsUnderTheBaselineAndBlocksUnderAStricterGroupPolicy() {
        register(vpnKey, subject, vpn, "Harbourmaster2024!").then().statusCode(204);
        check("Harbourmaster2025?").then().statusCode(200)
                .body("action", equalTo("WARN"))
                .body("findings[0].type", equalTo("VARIANT_REUSED"))
                .body("findings[0].level", equalTo("warn"))
                .body("findings[0].services", equalTo(List.of(vpn)));
        check("H@rb0urmaster").then().body("action", equalTo("WARN"));

        String group = uniqueName("finance");
        String policy = uniqueName("strict");
        admin().body(Map.of("appliesTo", Map.of("groups", List.of(group)),
                        "mfa", Map.of("required", true, "methods", List.of("totp"), "enrolmentGraceDays", 0),
                        "passwords", Map.of("reuse", "block", "variantReuse", "block", "breached", "block",
                                "minLength", 20)))
                .put("/api/v1/admin/policies/" + policy).then().statusCode(201);
        try {
            check(keycloakKey, subject, keycloak, "Harbourmaster2025?", List.of("/" + group)).then()
                    .body("action", equalTo("BLOCK"))
                    .body("policy", containsString(policy))
                    .body("findings.type", equalTo(List.of("TOO_SHORT", "VARIANT_REUSED")))
                    .body("findings[0].minLength", equalTo(20))
                    .body("findings[1].level", equalTo("block"));
        } finally {
            admin().delete("/api/v1/admin/policies/" + policy).then().statusCode(204);
        }
    }

    @Test
    void aLevelSetToOffReportsNothingOfThatKind() {
        String baseline = admin().get("/api/v1/admin/policies/baseline").then().statusCode(200).extract().asString();
        register(vpnKey, subject, vpn, "Orchard-Lantern-42").then().statusCode(204);
        String relaxed = baseline.replace("\"reuse\":\"block\"", "\"reuse\":\"off\"")
                .replace("\"breached\":\"block\"", "\"breached\":\"off\"");
        assertThat(relaxed).isNotEqualTo(baseline);
        admin().body(relaxed).put("/api/v1/admin/policies/baseline").then().statusCode(200);
        try {
            check("Orchard-Lantern-42").then().body("action", equalTo("ALLOW")).body("findings", empty());
            check("qwertyuiop").then().body("action", equalTo("ALLOW"));
        } finally {
            admin().body(baseline).put("/api/v1/admin/policies/baseline").then().statusCode(200);
        }
        check("Orchard-Lantern-42").then().body("action", equalTo("BLOCK"));
    }

    @Test
    void commonBreachedPasswordsAreBlockedOnTheEmbeddedDefault() {
        for (String password : List.of("password123", "qwertyuiop", "Password123")) {
            check(password).then().statusCode(200)
                    .body("action", equalTo("BLOCK"))
                    .body("findings[0].type", equalTo("BREACHED"))
                    .body("findings[0].level", equalTo("block"));
        }
        check("123456").then().body("action", equalTo("BLOCK"))
                .body("findings.type", equalTo(List.of("TOO_SHORT", "BREACHED")))
                .body("findings[0].minLength", equalTo(8));
    }

    @Test
    void longPasswordsAreAcceptedWholeAndHugeOnesRefusedClearly() {
        String seventy = "w".repeat(69) + "x";
        register(vpnKey, subject, vpn, seventy).then().statusCode(204);
        check(seventy).then().body("findings.type", hasItem("REUSED"));
        check("w".repeat(69) + "y").then().body("findings.type", not(hasItem("REUSED")));
        String emoji = "\uD83D\uDD11".repeat(1024);   // 1024 code points, 2048 UTF-16 units
        check(emoji).then().statusCode(200);
        check(emoji + "k").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("password"))
                .body("detail", containsString("1024"));
        register(vpnKey, subject, vpn, "k".repeat(5000)).then().statusCode(400)
                .body("errors[0].field", equalTo("password"));
    }

    @Test
    void badRequestsGetAClearProblem() {
        check("").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("password")).body("detail", containsString("empty"));
        check(keycloakKey, subject, keycloak, 12345678, List.of()).then().statusCode(400)
                .body("detail", containsString("password"));
        check(keycloakKey, subject, keycloak, null, List.of()).then().statusCode(400)
                .body("errors[0].field", equalTo("password"));
        check(keycloakKey, " ", keycloak, "Orchard-Lantern-42", List.of()).then().statusCode(400)
                .body("errors[0].field", equalTo("subject"));
        check(keycloakKey, "x".repeat(300), keycloak, "Orchard-Lantern-42", List.of()).then().statusCode(400);
        check(keycloakKey, subject, "no-such-service", "Orchard-Lantern-42", List.of()).then().statusCode(404)
                .body("detail", containsString("no-such-service"));
        as(keycloakKey).body("{\"subject\": \"a\", ").post("/api/v1/credentials/check").then().statusCode(400)
                .contentType("application/problem+json");
        as(keycloakKey).post("/api/v1/credentials/check").then().statusCode(400);
        register(keycloakKey, subject, keycloak, List.of("a")).then().statusCode(400);
        as(keycloakKey).delete("/api/v1/credentials/" + uniqueName("nobody") + "/" + keycloak).then()
                .statusCode(404).body("detail", containsString("nobody"));
    }

    @Test
    void everyEndpointChecksWhoIsCalling() {
        String mfaOnly = createService(uniqueName("idp"), "mfa");
        check(mfaOnly, subject, keycloak, "Orchard-Lantern-42", List.of()).then().statusCode(403)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("subject", subject, "service", keycloak,
                "password", "Orchard-Lantern-42")).post("/api/v1/credentials/check").then().statusCode(401);
        check("pcs_" + "A".repeat(43), subject, keycloak, "Orchard-Lantern-42", List.of()).then().statusCode(401);
        register(keycloakKey, subject, vpn, "Orchard-Lantern-42").then().statusCode(403)
                .body("detail", containsString("only its own"));
        as(keycloakKey).delete("/api/v1/credentials/" + subject + "/" + vpn).then().statusCode(403);
        as(keycloakKey).get("/api/v1/admin/reports/reuse").then().statusCode(403);
        admin().body(Map.of("subject", subject, "service", keycloak, "password", "x"))
                .post("/api/v1/credentials/check").then().statusCode(403);
    }

    @Test
    void registeringAgainReplacesTheServicesPreviousFingerprints() {
        register(vpnKey, subject, vpn, "First-Orchard-Lantern").then().statusCode(204);
        register(vpnKey, subject, vpn, "Second-Quiet-Meadow").then().statusCode(204);
        check("First-Orchard-Lantern").then().body("action", equalTo("ALLOW"));
        check("Second-Quiet-Meadow").then().body("findings[0].type", equalTo("REUSED"));
        assertThat(rows(vpn)).isEqualTo(1);
    }

    @Test
    void tenConcurrentRegistrationsLeaveExactlyOneRow() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                String password = "Concurrent-Meadow-" + i + "-" + "q".repeat(i);
                calls.add(pool.submit(() -> {
                    start.await();
                    return register(vpnKey, subject, vpn, password).statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> call : calls) {
                assertThat(call.get(120, TimeUnit.SECONDS)).isEqualTo(204);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(rows(vpn)).isEqualTo(1);
        long reused = 0;
        for (int i = 0; i < 10; i++) {
            if (check("Concurrent-Meadow-" + i + "-" + "q".repeat(i)).jsonPath().getList("findings.type")
                    .contains("REUSED")) {
                reused++;
            }
        }
        assertThat(reused).as("exactly one of the ten is the stored password").isEqualTo(1);
    }

    @Test
    void deletingASubjectsServiceOrTheServiceRemovesItsFingerprints() {
        register(vpnKey, subject, vpn, "Orchard-Lantern-42").then().statusCode(204);
        as(vpnKey).delete("/api/v1/credentials/" + subject + "/" + vpn).then().statusCode(204);
        assertThat(rows(vpn)).isZero();
        check("Orchard-Lantern-42").then().body("action", equalTo("ALLOW"));

        register(vpnKey, subject, vpn, "Orchard-Lantern-42").then().statusCode(204);
        admin().delete("/api/v1/admin/services/" + vpn).then().statusCode(204);
        assertThat(rows(vpn)).isZero();
        check("Orchard-Lantern-42").then().body("action", equalTo("ALLOW"));
    }

    @Test
    void theReuseReportNamesWhoReusesWhereAndNothingSecret() {
        String gitlab = uniqueName("gitlab");
        String gitlabKey = createService(gitlab, "credentials");
        register(vpnKey, subject, vpn, "Orchardlantern42").then().statusCode(204);
        register(keycloakKey, subject, keycloak, "Orchardlantern42").then().statusCode(204);
        register(gitlabKey, subject, gitlab, "Orch@rdlantern2025!").then().statusCode(204);
        String honest = signedInOnce(uniqueName("zed"));
        register(vpnKey, honest, vpn, "Orchardlantern42").then().statusCode(204);
        register(keycloakKey, honest, keycloak, "Quiet-Meadow-Stream").then().statusCode(204);

        String page = admin().get("/api/v1/admin/reports/reuse?limit=1000").then().statusCode(200)
                .body("subjects.find { it.subject == '" + subject + "' }.findings", equalTo(List.of(
                        Map.of("type", "REUSED", "services", sorted(keycloak, vpn)),
                        Map.of("type", "VARIANT_REUSED", "services", sorted(gitlab, keycloak, vpn)))))
                .body("subjects.find { it.subject == '" + honest + "' }", nullValue())
                .body("totals.byService." + vpn, equalTo(1))
                .body("totals.byService." + gitlab, equalTo(1))
                .extract().asString();
        assertThat(page).doesNotContainPattern("[0-9a-fA-F]{32}").doesNotContain("rchard");
        admin().get("/api/v1/admin/reports/reuse?limit=0").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        String first = admin().get("/api/v1/admin/reports/reuse?limit=1").then().statusCode(200)
                .body("subjects.size()", equalTo(1)).extract().path("subjects[0].subject");
        admin().get("/api/v1/admin/reports/reuse?limit=1&after=" + first).then().statusCode(200)
                .body("subjects[0].subject", not(equalTo(first)));
    }

    @Test
    void noPasswordNorItsShaOneNorShaTwoFiftySixIsStoredOrLogged() throws Exception {
        List<String> passwords = List.of("Plaintext-Canary-7731", "Zebra-Canary-Moonlight-9");
        try (LogCapture logs = LogCapture.start()) {
            register(vpnKey, subject, vpn, passwords.get(0)).then().statusCode(204);
            register(keycloakKey, subject, keycloak, passwords.get(1)).then().statusCode(204);
            check(passwords.get(0)).then().statusCode(200);
            check(passwords.get(1) + "x").then().statusCode(200);
            as(keycloakKey).body(Map.of("subject", subject, "service", keycloak, "password", passwords.get(0),
                    "groups", "not-a-list")).post("/api/v1/credentials/check").then().statusCode(400);

            List<String> forbidden = new ArrayList<>();
            for (String password : passwords) {
                forbidden.add(password);
                for (String algorithm : List.of("SHA-1", "SHA-256")) {
                    String hex = HexFormat.of().formatHex(MessageDigest.getInstance(algorithm)
                            .digest(password.getBytes(StandardCharsets.UTF_8)));
                    forbidden.add(hex);
                    forbidden.add(hex.toUpperCase(Locale.ROOT));
                }
            }
            List<String> cells = new ArrayList<>();
            List<String> tables = Tables.rows(database, "SELECT table_name FROM information_schema.tables"
                    + " WHERE LOWER(table_schema) = 'public'").stream().map(r -> (String) r[0]).toList();
            assertThat(tables).anyMatch(t -> t.equalsIgnoreCase("credential_fingerprint"));
            for (String table : tables) {
                Tables.rows(database, "SELECT * FROM \"" + table + "\"").forEach(row -> Arrays.stream(row)
                        .filter(Objects::nonNull).map(Object::toString).forEach(cells::add));
            }
            assertThat(cells).as("every cell of every table").anyMatch(c -> c.equals(subject));
            assertThat(logs.lines()).as("the log").anyMatch(l -> l.contains("Password check for " + subject));
            for (String secret : forbidden) {
                assertThat(cells).noneMatch(c -> c.contains(secret));
                assertThat(logs.lines()).noneMatch(l -> l.contains(secret));
            }
        }
    }

    private long rows(String service) {
        return Tables.count(database, "SELECT COUNT(*) FROM credential_fingerprint WHERE subject = '" + subject
                + "' AND service = '" + service + "'");
    }

    private static List<String> sorted(String... names) {
        return Arrays.stream(names).sorted().toList();
    }
}
