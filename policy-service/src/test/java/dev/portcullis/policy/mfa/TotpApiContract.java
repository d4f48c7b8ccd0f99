package dev.portcullis.policy.mfa;

import static dev.portcullis.policy.support.Api.admin;
import static dev.portcullis.policy.support.Api.as;
import static dev.portcullis.policy.support.Api.createService;
import static dev.portcullis.policy.support.Api.uniqueName;
import static dev.portcullis.policy.support.Mfa.confirm;
import static dev.portcullis.policy.support.Mfa.decide;
import static dev.portcullis.policy.support.Mfa.enrol;
import static dev.portcullis.policy.support.Mfa.startEnrolment;
import static dev.portcullis.policy.support.Mfa.verify;
import static dev.portcullis.policy.support.Mfa.verifyRecovery;
import static dev.portcullis.policy.support.Mfa.wrongCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import dev.portcullis.policy.persistence.Database;
import dev.portcullis.policy.support.Mfa;
import dev.portcullis.policy.support.ReferenceTotp;
import dev.portcullis.policy.support.Tables;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The TOTP API as Keycloak or a VPN uses it, on each database. */
public abstract class TotpApiContract {

    @Inject
    Database database;

    String key;
    String subject;

    @BeforeEach
    void setUp() {
        key = createService(uniqueName("idp"), "mfa", "enrol", "idp");
        subject = uniqueName("user");
        decide(key, subject, List.of(), List.of(), List.of()).then().statusCode(200);
    }

    @Test
    void enrolmentShowsTheSecretUriAndQrCodeThenTheFirstCodeReturnsTenRecoveryCodes() {
        var started = as(key).post("/api/v1/subjects/" + subject + "/totp/enrolment")
                .then().statusCode(201)
                .body("secret", org.hamcrest.Matchers.matchesPattern("[A-Z2-7]{32}"))
                .body("otpauthUri", startsWith("otpauth://totp/Portcullis:" + subject + "?secret="))
                .body("qrCode", startsWith("data:image/png;base64,"))
                .body("expiresAt", org.hamcrest.Matchers.notNullValue())
                .extract();
        String secret = started.path("secret");
        confirm(key, subject, ReferenceTotp.now(secret)).then().statusCode(200)
                .body("recoveryCodes", hasSize(10));
        as(key).get("/api/v1/subjects/" + subject + "/mfa").then().statusCode(200)
                .body("enrolledMethods", equalTo(List.of("totp")))
                .body("recoveryCodesLeft", equalTo(10))
                .body("locked", equalTo(false));
        decide(key, subject, List.of(), List.of(), List.of()).then().body("action", equalTo("VERIFY"))
                .body("methods", equalTo(List.of("totp")));
    }

    @Test
    void aCodeFromOathtoolVerifies() throws Exception {
        Mfa.Enrolled enrolled = enrol(key, subject);
        // oathtool is an independent RFC 6238 implementation (Debian package oathtool).
        String next = oathtool(enrolled.secret(), Instant.ofEpochSecond((enrolled.step() + 1) * 30));
        assertThat(next).isEqualTo(ReferenceTotp.code(enrolled.secret(), enrolled.step() + 1));
        verify(key, subject, next).then().statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void aStepIsAcceptedOnceOnly() {
        Mfa.Enrolled enrolled = enrol(key, subject);
        String confirmedCode = ReferenceTotp.code(enrolled.secret(), enrolled.step());
        verify(key, subject, confirmedCode).then().statusCode(200).body("valid", equalTo(false));
        String next = ReferenceTotp.code(enrolled.secret(), enrolled.step() + 1);
        verify(key, subject, next).then().statusCode(200).body("valid", equalTo(true))
                .body("remainingAttempts", equalTo(5));
        verify(key, subject, next).then().statusCode(200).body("valid", equalTo(false))
                .body("remainingAttempts", equalTo(4));
        String previous = ReferenceTotp.code(enrolled.secret(), enrolled.step() - 1);
        if (!previous.equals(next)) {
            verify(key, subject, previous).then().body("valid", equalTo(false));
        }
    }

    @Test
    void fiveFailuresLockTheSubjectAndEvenARightCodeGets423() {
        Mfa.Enrolled enrolled = enrol(key, subject);
        String wrong = wrongCode(enrolled.secret());
        for (int remaining = 4; remaining >= 0; remaining--) {
            verify(key, subject, wrong).then().statusCode(200).body("valid", equalTo(false))
                    .body("remainingAttempts", equalTo(remaining));
        }
        verify(key, subject, ReferenceTotp.code(enrolled.secret(), enrolled.step() + 1))
                .then().statusCode(423).contentType("application/problem+json")
                .body("detail", containsString("locked"));
        decide(key, subject, List.of(), List.of(), List.of()).then().body("action", equalTo("DENY"));
        as(key).get("/api/v1/subjects/" + subject + "/mfa").then().body("locked", equalTo(true));
        assertThat(auditTypes()).contains("mfa.locked");

        admin().post("/api/v1/admin/subjects/" + subject + "/unlock").then().statusCode(204);
        verify(key, subject, ReferenceTotp.code(enrolled.secret(), enrolled.step() + 1))
                .then().statusCode(200).body("valid", equalTo(true));
    }

    /** Someone guessing codes after each lock: the second lock lasts 30 minutes, and a success ends the run. */
    @Test
    void aLockoutThatFollowsAnotherLastsTwiceAsLongAndIsAudited() {
        Mfa.Enrolled enrolled = enrol(key, subject);
        String wrong = wrongCode(enrolled.secret());
        for (int round = 1; round <= 2; round++) {
            Tables.update(database, "UPDATE subject_state SET locked_until = ? WHERE subject = ?",
                    java.time.Instant.now().minusSeconds(1), subject);
            java.time.Instant before = java.time.Instant.now();
            for (int i = 0; i < 5; i++) {
                verify(key, subject, wrong).then().statusCode(200);
            }
            String until = as(key).get("/api/v1/subjects/" + subject + "/mfa").then().statusCode(200)
                    .body("locked", equalTo(true)).body("lockoutsInARow", equalTo(round))
                    .body("nextLockoutMinutes", equalTo(round == 1 ? 30 : 60))
                    .extract().path("lockedUntil");
            long minutes = java.time.Duration.between(before, java.time.Instant.parse(until)).toMinutes();
            assertThat(minutes).isBetween(round * 15L - 1, round * 15L);
        }
        assertThat(Tables.rows(database, "SELECT details FROM audit_event WHERE event_type = 'mfa.locked' AND subject = '"
                + subject + "'").stream().map(row -> String.valueOf(row[0])).toList().toString()).contains("\"minutes\":15").contains("\"minutes\":30")
                .contains("\"lockoutInARow\":2");
        // an admin unlock lifts this lock, but not the run: whoever was guessing would be locked longer still
        admin().post("/api/v1/admin/subjects/" + subject + "/unlock").then().statusCode(204);
        as(key).get("/api/v1/subjects/" + subject + "/mfa").then().body("lockoutsInARow", equalTo(2));
        // the person's own right code ends it
        verify(key, subject, ReferenceTotp.code(enrolled.secret(), enrolled.step() + 1)).then()
                .body("valid", equalTo(true));
        as(key).get("/api/v1/subjects/" + subject + "/mfa").then().body("lockoutsInARow", equalTo(0))
                .body("nextLockoutMinutes", equalTo(15));
    }

    @Test
    void reEnrollingDoesNotResetTheFailureCount() {
        Mfa.Enrolled enrolled = enrol(key, subject);
        String wrong = wrongCode(enrolled.secret());
        for (int i = 0; i < 3; i++) {
            verify(key, subject, wrong).then().body("valid", equalTo(false));
        }
        admin().delete("/api/v1/admin/subjects/" + subject + "/totp").then().statusCode(204);
        usePass(subject);
        String secret = startEnrolment(key, subject);
        confirm(key, subject, wrongCode(secret)).then().statusCode(422)
                .body("detail", containsString("Attempts left before lockout: 1"));
        confirm(key, subject, wrongCode(secret)).then().statusCode(422);
        confirm(key, subject, ReferenceTotp.now(secret)).then().statusCode(423);
    }

    @Test
    void recoveryCodesWorkOnceEach() {
        Mfa.Enrolled enrolled = enrol(key, subject);
        String code = enrolled.recoveryCodes().get(0);
        verifyRecovery(key, subject, code.toLowerCase()).then().statusCode(200)
                .body("valid", equalTo(true)).body("remaining", equalTo(9));
        verifyRecovery(key, subject, code).then().statusCode(200)
                .body("valid", equalTo(false)).body("remaining", equalTo(9));
        verifyRecovery(key, subject, "AAAA-AAAA-AAAA").then().body("valid", equalTo(false));
        verifyRecovery(key, subject, "not a code").then().statusCode(400).body("errors[0].field", equalTo("code"));
    }

    @Test
    void anAdminResetMakesTheSubjectEnrolAgain() {
        Mfa.Enrolled enrolled = enrol(key, subject);
        admin().delete("/api/v1/admin/subjects/" + subject + "/totp").then().statusCode(204);
        decide(key, subject, List.of(), List.of(), List.of()).then().body("action", equalTo("ENROL_OPTIONAL"));
        verify(key, subject, ReferenceTotp.code(enrolled.secret(), enrolled.step() + 1)).then().statusCode(409);
        verifyRecovery(key, subject, enrolled.recoveryCodes().get(1)).then().body("valid", equalTo(false));
        assertThat(auditTypes()).contains("mfa.totp.reset");
        // the password alone binds no new authenticator after a reset: an access pass does
        as(key).post("/api/v1/subjects/" + subject + "/totp/enrolment").then().statusCode(403);
        usePass(subject);
        enrol(key, subject);
    }

    /** A policy admin issues a pass, and the person enters it at sign-in. */
    private void usePass(String person) {
        String pass = admin().body(Map.of()).post("/api/v1/admin/subjects/" + person + "/access-passes")
                .then().statusCode(201).extract().path("pass");
        as(key).body(Map.of("pass", pass)).post("/api/v1/subjects/" + person + "/access-pass/verify")
                .then().statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void aConfirmedAuthenticatorIsNotReplacedWithoutAnAdminReset() {
        enrol(key, subject);
        as(key).post("/api/v1/subjects/" + subject + "/totp/enrolment").then().statusCode(409)
                .body("detail", containsString("admin"));
    }

    @Test
    void badCodesAndWrongOrderGetClearProblems() {
        for (String code : new String[] {"abcdef", "", "12345", "1234567", "12 456"}) {
            as(key).body(Map.of("code", code)).post("/api/v1/subjects/" + subject + "/totp/verify")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("code"));
        }
        as(key).body(Map.of("code", 123456)).post("/api/v1/subjects/" + subject + "/totp/verify")
                .then().statusCode(400);
        as(key).body("{}").post("/api/v1/subjects/" + subject + "/totp/verify").then().statusCode(400);
        verify(key, subject, "123456").then().statusCode(409).body("detail", containsString("enrol first"));
        confirm(key, subject, "123456").then().statusCode(409).body("detail", containsString("no pending enrolment"));
        verify(key, uniqueName("ghost"), "123456").then().statusCode(404).body("detail", containsString("ghost"));
        as(key).get("/api/v1/subjects/" + uniqueName("ghost") + "/mfa").then().statusCode(404);
    }

    @Test
    void callersNeedTheMfaScope() {
        String eventsOnly = createService(uniqueName("siem"), "events");
        verify(eventsOnly, subject, "123456").then().statusCode(403);
        decide(eventsOnly, subject, List.of(), List.of(), List.of()).then().statusCode(403);
        admin().delete("/api/v1/admin/subjects/" + subject + "/totp").then().statusCode(204);
        as(key).delete("/api/v1/admin/subjects/" + subject + "/totp").then().statusCode(403);
    }

    /**
     * A VPN's key verifies codes but cannot enrol: otherwise whoever holds it could make their own
     * authenticator the only factor of someone who has none yet.
     */
    @Test
    void onlyAKeyWithTheEnrolScopeMayStartOrConfirmAnEnrolment() {
        String vpn = createService(uniqueName("vpn"), "mfa");
        as(vpn).post("/api/v1/subjects/" + subject + "/totp/enrolment").then().statusCode(403)
                .contentType("application/problem+json");
        confirm(vpn, subject, "123456").then().statusCode(403);
        as(vpn).get("/api/v1/subjects/" + subject + "/mfa").then().statusCode(200)
                .body("enrolledMethods", equalTo(List.of()));

        Mfa.Enrolled enrolled = enrol(key, subject);
        verify(vpn, subject, ReferenceTotp.code(enrolled.secret(), enrolled.step() + 1)).then().statusCode(200)
                .body("valid", equalTo(true));
        as(vpn).post("/api/v1/subjects/" + subject + "/totp/enrolment").then().statusCode(403);
    }

    @Test
    void secretsAreEncryptedAtRestAndNoCodeOrSecretIsAudited() {
        Mfa.Enrolled enrolled = enrol(key, subject);
        String next = ReferenceTotp.code(enrolled.secret(), enrolled.step() + 1);
        verify(key, subject, next).then().body("valid", equalTo(true));
        verify(key, subject, wrongCode(enrolled.secret())).then().body("valid", equalTo(false));
        // Secrets (32 base32 characters) and recovery codes cannot occur by chance: no cell may contain one.
        // A 6-digit code can occur by chance inside a hash or timestamp, so no cell may *be* one, and no
        // audit detail of this person may mention one.
        List<Object> cells = new ArrayList<>();
        for (String table : List.of("subject_state", "recovery_code", "audit_event")) {
            Tables.rows(database, "SELECT * FROM " + table).forEach(r -> cells.addAll(Arrays.asList(r)));
        }
        List<String> texts = cells.stream().filter(java.util.Objects::nonNull).map(Object::toString).toList();
        assertThat(texts).anyMatch(t -> t.equals(subject));
        assertThat(texts).noneMatch(t -> t.contains(enrolled.secret())).noneMatch(t -> t.equals(next));
        for (String recovery : enrolled.recoveryCodes()) {
            assertThat(texts).noneMatch(t -> t.contains(recovery) || t.contains(recovery.replace("-", "")));
        }
        assertThat(Tables.rows(database, "SELECT details FROM audit_event WHERE subject = '" + subject + "'"))
                .isNotEmpty().allSatisfy(row -> assertThat(String.valueOf(row[0])).doesNotContain(next));
        assertThat(auditTypes()).contains("mfa.totp.enrolment-started", "mfa.totp.enrolment-confirmed",
                "mfa.totp.verified");
        admin().get("/api/v1/audit/verify").then().body("valid", equalTo(true));
    }

    @Test
    void twentyParallelVerificationsOfOneCodeGiveExactlyOneSuccess() throws Exception {
        Mfa.Enrolled enrolled = enrol(key, subject);
        String next = ReferenceTotp.code(enrolled.secret(), enrolled.step() + 1);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<io.restassured.response.Response>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                Callable<io.restassured.response.Response> call = () -> {
                    start.await();
                    return verify(key, subject, next);
                };
                calls.add(pool.submit(call));
            }
            start.countDown();
            int valid = 0;
            for (Future<io.restassured.response.Response> call : calls) {
                io.restassured.response.Response response = call.get(60, TimeUnit.SECONDS);
                assertThat(response.statusCode()).isIn(200, 423);
                if (response.statusCode() == 200 && response.jsonPath().getBoolean("valid")) {
                    valid++;
                }
            }
            assertThat(valid).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private List<String> auditTypes() {
        return Tables.rows(database, "SELECT event_type, subject FROM audit_event WHERE subject = '" + subject + "'")
                .stream().map(r -> (String) r[0]).toList();
    }

    static String oathtool(String secret, Instant at) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("oathtool", "--totp", "--base32", "--now",
                    at.toString().replace("T", " ").replace("Z", " UTC"), secret).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("oathtool is missing: install the Debian package oathtool (.ci/run does)", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }
}
