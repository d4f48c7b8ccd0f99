package dev.portcullis.policy.notifications;

import static dev.portcullis.policy.support.Api.admin;
import static dev.portcullis.policy.support.Api.as;
import static dev.portcullis.policy.support.Api.createService;
import static dev.portcullis.policy.support.Api.uniqueName;
import static dev.portcullis.policy.support.Mfa.decide;
import static dev.portcullis.policy.support.Mfa.enrol;
import static dev.portcullis.policy.support.Mfa.verifyRecovery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.portcullis.policy.audit.AuditChainer;
import dev.portcullis.policy.persistence.Database;
import dev.portcullis.policy.support.Mfa;
import dev.portcullis.policy.support.Tables;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The messages people get about their accounts, as the identity provider claims and sends them, on
 * each database.
 */
public abstract class NotificationApiContract {

    @Inject
    Database database;

    @Inject
    AuditChainer chainer;

    String idp;
    String subject;

    @BeforeEach
    void setUp() {
        idp = createService(uniqueName("idp"), "mfa", "enrol", "idp", "events");
        subject = uniqueName("una");
        decide(idp, subject, List.of(), List.of(), List.of()).then().statusCode(200);
    }

    @Test
    void eachChangeToAFactorIsToldOnceWithoutASecret() {
        Mfa.Enrolled enrolled = enrol(idp, subject);
        verifyRecovery(idp, subject, enrolled.recoveryCodes().get(0)).then().body("valid", equalTo(true));
        String pass = admin().body(Map.of()).post("/api/v1/admin/subjects/" + subject + "/access-passes").then()
                .statusCode(201).extract().path("pass");
        admin().delete("/api/v1/admin/subjects/" + subject + "/totp").then().statusCode(204);
        List<Map<String, Object>> mine = claimMine();
        assertThat(mine).extracting(n -> n.get("kind"))
                .containsExactlyInAnyOrder("factor-bound", "recovery-code-used", "pass-issued", "factor-reset");
        assertThat(kind(mine, "recovery-code-used").get("details")).isEqualTo(Map.of("remaining", 9));
        assertThat(kind(mine, "factor-bound").get("details")).isEqualTo(Map.of("method", "authenticator-app"));
        String all = mine.toString();
        assertThat(all).doesNotContain(pass).doesNotContain(enrolled.secret())
                .doesNotContain(enrolled.recoveryCodes().get(0));
        // claimed: nobody else gets them, and nothing is sent twice
        assertThat(claimMine()).isEmpty();
    }

    @Test
    void whatWasSentAndWhatFailedIsAudited() {
        enrol(idp, subject);
        admin().body(Map.of()).post("/api/v1/admin/subjects/" + subject + "/access-passes").then().statusCode(201);
        List<Map<String, Object>> mine = claimMine();
        Object bound = kind(mine, "factor-bound").get("id");
        as(idp).post("/api/v1/notifications/" + bound + "/sent").then().statusCode(204);
        as(idp).body(Map.of("reason", "no email address")).post("/api/v1/notifications/"
                + kind(mine, "pass-issued").get("id") + "/failed").then().statusCode(204);
        as(idp).post("/api/v1/notifications/" + bound + "/sent").then().statusCode(409);
        as(idp).post("/api/v1/notifications/no-such-id/sent").then().statusCode(404);
        chainer.chainAll();
        assertThat(Tables.rows(database, "SELECT event_type, details FROM audit_event WHERE subject = '" + subject
                + "' AND event_type LIKE 'mfa.notification.%'").stream().map(r -> r[0] + " " + r[1]).toList())
                .anySatisfy(row -> assertThat(row).startsWith("mfa.notification.sent").contains("factor-bound"))
                .anySatisfy(row -> assertThat(row).startsWith("mfa.notification.failed").contains("no email address"));
    }

    @Test
    void onlyTheIdentityProvidersEventsTellPeopleAndTwoReportsOfOneChangeAreOneMessage() {
        String vpn = createService(uniqueName("vpn"), "mfa", "events");
        as(vpn).body(List.of(event("UPDATE_CREDENTIAL", "webauthn"))).post("/api/v1/events").then().statusCode(200);
        assertThat(claimMine()).isEmpty();
        as(vpn).post("/api/v1/notifications/claim").then().statusCode(403);
        // Keycloak reports a password change twice (the deprecated type and the new one)
        as(idp).body(List.of(event("UPDATE_PASSWORD", null), event("UPDATE_CREDENTIAL", "password"),
                event("UPDATE_CREDENTIAL", "webauthn"))).post("/api/v1/events").then().statusCode(200);
        List<Map<String, Object>> mine = claimMine();
        assertThat(mine).extracting(n -> n.get("kind")).containsExactlyInAnyOrder("password-changed", "factor-bound");
        assertThat(kind(mine, "factor-bound")).containsEntry("realm", "employees").containsEntry("ip", "192.0.2.10");
    }

    private static Map<String, Object> kind(List<Map<String, Object>> notifications, String kind) {
        return notifications.stream().filter(n -> kind.equals(n.get("kind"))).findFirst().orElseThrow();
    }

    private Map<String, Object> event(String type, String credentialType) {
        Map<String, Object> details = new java.util.HashMap<>(Map.of("realm", "employees"));
        if (credentialType != null) {
            details.put("credential_type", credentialType);
        }
        return Map.of("time", "2026-11-24T10:00:00Z", "type", type, "subject", subject, "outcome", "success",
                "ip", "192.0.2.10", "details", details);
    }

    /** Claims everything waiting and keeps this test's person's, oldest first. */
    private List<Map<String, Object>> claimMine() {
        return dev.portcullis.policy.support.Api.claimNotices(idp, subject);
    }
}
