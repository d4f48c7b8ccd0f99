package dev.portcullis.policy.support;

import static dev.portcullis.policy.support.Api.as;

import io.restassured.response.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A person's side of MFA in tests: enrol through the API and compute codes as an authenticator app would. */
public final class Mfa {

    private Mfa() {
    }

    public static Response decide(String key, String subject, List<String> groups, List<String> roles,
            List<String> enrolledMethods) {
        return as(key).body(Map.of("subject", subject, "groups", groups, "roles", roles, "client", "account-console",
                "enrolledMethods", enrolledMethods)).post("/api/v1/decisions/login");
    }

    /** Starts an enrolment and returns the secret. */
    public static String startEnrolment(String key, String subject) {
        return as(key).post("/api/v1/subjects/" + subject + "/totp/enrolment")
                .then().statusCode(201).extract().path("secret");
    }

    /** Enrols and confirms with the current code; returns the secret and the step used. */
    public static Enrolled enrol(String key, String subject) {
        String secret = startEnrolment(key, subject);
        long step = ReferenceTotp.step(Instant.now());
        List<String> recovery = confirm(key, subject, ReferenceTotp.code(secret, step))
                .then().statusCode(200).extract().path("recoveryCodes");
        return new Enrolled(secret, step, recovery);
    }

    public static Response confirm(String key, String subject, String code) {
        return as(key).body(Map.of("code", code)).post("/api/v1/subjects/" + subject + "/totp/enrolment/confirm");
    }

    public static Response verify(String key, String subject, String code) {
        return as(key).body(Map.of("code", code)).post("/api/v1/subjects/" + subject + "/totp/verify");
    }

    public static Response verifyRecovery(String key, String subject, String code) {
        return as(key).body(Map.of("code", code)).post("/api/v1/subjects/" + subject + "/recovery-codes/verify");
    }

    /** A code that is certainly wrong for {@code secret} now (differs from the codes of steps -1..+1). */
    public static String wrongCode(String secret) {
        long step = ReferenceTotp.step(Instant.now());
        for (int candidate = 0; ; candidate++) {
            String code = String.format("%06d", candidate);
            boolean clash = false;
            for (long s = step - 2; s <= step + 2; s++) {
                clash |= ReferenceTotp.code(secret, s).equals(code);
            }
            if (!clash) {
                return code;
            }
        }
    }

    public record Enrolled(String secret, long step, List<String> recoveryCodes) {
    }
}
