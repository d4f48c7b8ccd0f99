package dev.portcullis.e2e.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.e2e.support.KeycloakProcess;
import dev.portcullis.e2e.support.PolicyServiceProcess;
import dev.portcullis.keycloak.events.PortcullisEventListenerFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Keycloak with the built provider forwards logins to the real policy service's audit log. */
class EventForwardingIT {

    @TempDir
    Path temp;

    static Map<String, Object> realm() {
        return realm(List.of("erin"));
    }

    static Map<String, Object> realm(List<String> people) {
        return Map.of(
                "realm", "employees",
                "enabled", true,
                "eventsEnabled", true,
                "eventsListeners", List.of("jboss-logging", PortcullisEventListenerFactory.ID),
                "adminEventsEnabled", true,
                "users", people.stream().map(name -> Map.of(
                        "username", name, "enabled", true, "email", name + "@example.com", "emailVerified", true,
                        "firstName", "Erin", "lastName", "Example",
                        "credentials", List.of(Map.of("type", "password", "value", "Erin-Keycloak-Pass-1",
                                "temporary", false)))).toList());
    }

    /**
     * The policy service is away while real people fail their logins and a prober sends hostile
     * usernames between them (300 to 5,000 characters, NFKC-expanding, control characters). Once it is
     * back, every real failed login is in the audit log, and every hostile attempt is there too, its
     * username cut to fit and marked, or counted as set aside.
     */
    @Test
    void hostileUsernamesDuringAnOutageCostNoRealEventAndAreThemselvesRecorded() throws Exception {
        List<String> people = java.util.stream.IntStream.range(0, 30).mapToObj(i -> "emp" + i).toList();
        List<String> hostile = List.of("x".repeat(300), "ﷺ".repeat(400), "\u0000\u001b[2J".repeat(100) + "root",
                "Ａ".repeat(5_000), "admin\r\nINJECTED: yes", "y".repeat(1_000) + "\u202e");
        PolicyServiceProcess service = PolicyServiceProcess.start(temp.resolve("policy"));
        try {
            String key = service.createService("keycloak", List.of("mfa", "enrol", "idp", "credentials", "events"));
            Map<String, String> env = Map.of("PORTCULLIS_URL", service.url(), "PORTCULLIS_API_KEY", key);
            try (KeycloakProcess keycloak = KeycloakProcess.start(realm(people), env, temp.resolve("keycloak"))) {
                int port = service.port();
                service.close();
                int attempts = 0;
                for (int round = 0; round < 3; round++) {
                    for (String person : people) {
                        assertThat(keycloak.passwordGrant("employees", person, "wrong-" + round).statusCode())
                                .isEqualTo(401);
                        String prober = hostile.get(attempts++ % hostile.size());
                        assertThat(keycloak.passwordGrant("employees", prober, "guess").statusCode()).isIn(400, 401);
                    }
                }
                service = PolicyServiceProcess.start(temp.resolve("policy"), port);
                for (String person : people) {
                    service.awaitAudit(person, "LOGIN_ERROR", 3);
                }
                String all = awaitAll(service, "LOGIN_ERROR", people.size() * 3 + attempts);
                long recorded = all.lines().filter(l -> l.contains("\"type\":\"LOGIN_ERROR\"")
                        && !l.contains("\"subject\":\"emp")).count();
                long truncated = all.lines().filter(l -> l.contains("\"truncated\":[\"subject\"]")).count();
                assertThat(recorded).as("hostile attempts in the audit log").isEqualTo(attempts);
                assertThat(truncated).as("hostile usernames cut to fit").isGreaterThanOrEqualTo(attempts / 2);
                assertThat(all).doesNotContain("KEYCLOAK_EVENTS_SET_ASIDE").doesNotContain("KEYCLOAK_EVENTS_DROPPED");
                assertThat(service.call("GET", "/api/v1/audit/verify", PolicyServiceProcess.ADMIN_TOKEN, null).body())
                        .contains("\"valid\":true");
            }
        } finally {
            service.close();
        }
    }

    /** Every event of a type once at least {@code count} are there. */
    static String awaitAll(PolicyServiceProcess service, String type, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String audit = "";
        while (System.nanoTime() < deadline) {
            audit = service.call("GET", "/api/v1/audit/events?format=jsonl&type=" + type,
                    PolicyServiceProcess.ADMIN_TOKEN, null).body();
            if (audit.lines().count() >= count) {
                return audit;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("only " + audit.lines().count() + " of " + count + " " + type + " events");
    }

    @Test
    void successfulAndFailedLoginsReachTheAuditLogAndTheServiceBeingDownLosesNothing() throws Exception {
        PolicyServiceProcess service = PolicyServiceProcess.start(temp.resolve("policy"));
        try {
            String key = service.createService("keycloak", List.of("mfa", "enrol", "idp", "credentials", "events"));
            Map<String, String> env = Map.of("PORTCULLIS_URL", service.url(), "PORTCULLIS_API_KEY", key);
            try (KeycloakProcess keycloak = KeycloakProcess.start(realm(), env, temp.resolve("keycloak"))) {
                assertThat(keycloak.log()).contains("Portcullis policy service at " + service.url());
                assertThat(keycloak.passwordGrant("employees", "erin", "Erin-Keycloak-Pass-1").statusCode())
                        .isEqualTo(200);
                assertThat(keycloak.passwordGrant("employees", "erin", "wrong-password").statusCode())
                        .isEqualTo(401);

                String audit = service.awaitAudit("erin", "LOGIN_ERROR", 1);
                assertThat(audit).contains("\"type\":\"LOGIN\"").contains("\"outcome\":\"success\"")
                        .contains("\"type\":\"LOGIN_ERROR\"").contains("\"outcome\":\"failure\"")
                        .contains("invalid_user_credentials").contains("\"actor\":\"service:keycloak\"")
                        .doesNotContain("Erin-Keycloak-Pass-1").doesNotContain("wrong-password");
                assertThat(keycloak.log()).doesNotContain(key);

                // The policy service goes away: logins go on at full speed, and nothing is lost.
                int port = service.port();
                service.close();
                long started = System.nanoTime();
                assertThat(keycloak.passwordGrant("employees", "erin", "wrong-again").statusCode()).isEqualTo(401);
                assertThat((System.nanoTime() - started) / 1_000_000).as("ms for a login while it is down")
                        .isLessThan(1_000);
                service = PolicyServiceProcess.start(temp.resolve("policy"), port);
                String after = service.awaitAudit("erin", "LOGIN_ERROR", 2);
                assertThat(after).contains("\"ip\":\"127.0.0.1\"");
                assertThat(service.call("GET", "/api/v1/audit/verify", PolicyServiceProcess.ADMIN_TOKEN, null).body())
                        .contains("\"valid\":true");
            }
        } finally {
            service.close();
        }
    }
}
