package dev.portcullis.e2e.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.e2e.support.KeycloakProcess;
import dev.portcullis.e2e.support.PolicyServiceProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults injected into real processes while people fail their logins: the policy service stopped, its
 * PostgreSQL frozen (SIGSTOP), Keycloak's key rotated under it, Keycloak killed with SIGKILL. Each
 * time every event reaches the audit log exactly once (the journal in Keycloak's database keeps
 * them; the policy service drops the copies a retry sends), and the chain verifies.
 */
class EventDurabilityIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> PEOPLE = IntStream.range(0, 20).mapToObj(i -> "emp" + i).toList();

    @TempDir
    Path temp;

    /** {@code rounds} failed logins of every person: {@code rounds * 20} LOGIN_ERROR events. */
    static void failLogins(KeycloakProcess keycloak, String tag, int rounds) throws Exception {
        for (int round = 0; round < rounds; round++) {
            for (String person : PEOPLE) {
                assertThat(keycloak.passwordGrant("employees", person, "wrong-" + tag + round).statusCode())
                        .isEqualTo(401);
            }
        }
    }

    /**
     * Keycloak on PostgreSQL, as in production: a committed journal row survives SIGKILL. (On the
     * dev-file H2 database of {@code start-dev}, H2 writes commits to disk up to half a second later,
     * so a kill can cost the events of that last half second; the README says so.)
     */
    @Test
    void aKeycloakKilledDuringAnOutageAndAKeyRotatedUnderItLoseNothingAndDoubleNothing() throws Exception {
        PolicyServiceProcess service = PolicyServiceProcess.start(temp.resolve("policy"));
        KeycloakProcess keycloak = null;
        try (EmbeddedPostgres keycloakDatabase = EmbeddedPostgres.builder().start()) {
            String key = service.createService("keycloak", List.of("mfa", "enrol", "idp", "credentials", "events"));
            keycloak = KeycloakProcess.start(List.of(EventForwardingIT.realm(PEOPLE)), env(service, key),
                    temp.resolve("keycloak"), KeycloakProcess.freePort(), List.of("--db=postgres",
                            "--db-url=" + keycloakDatabase.getJdbcUrl("postgres", "postgres"),
                            "--db-username=postgres", "--db-password=postgres"));
            int port = service.port();

            // 1. The service is away; 100 failed logins wait in Keycloak's database; Keycloak is killed.
            service.close();
            failLogins(keycloak, "outage", 5);
            keycloak.kill();
            service = PolicyServiceProcess.start(temp.resolve("policy"), port);
            keycloak = keycloak.restart(env(service, key));
            assertExactly(service, 100);

            // 2. Keycloak's key is rotated: the service answers 401 to 60 more events until Keycloak has the new key.
            String rotated = JSON.readTree(service.call("POST", "/api/v1/admin/services/keycloak/rotate-key",
                    PolicyServiceProcess.ADMIN_TOKEN, null).body()).path("apiKey").asText();
            assertThat(rotated).startsWith("pcs_");
            failLogins(keycloak, "rotated", 3);
            Thread.sleep(2_000);
            assertThat(count(service)).as("nothing gets in with the old key").isEqualTo(100);
            keycloak.close();
            keycloak = keycloak.restart(env(service, rotated));
            assertExactly(service, 160);
            assertVerifies(service);
        } finally {
            if (keycloak != null) {
                keycloak.close();
            }
            service.close();
        }
    }

    @Test
    void theServiceDownThenItsDatabaseFrozenLoseNothingAndDoubleNothing() throws Exception {
        Path data = temp.resolve("pgdata");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true)
                .start()) {
            try (var connection = postgres.getPostgresDatabase().getConnection();
                    var statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE portcullis");
            }
            Map<String, String> database = Map.of("PORTCULLIS_DB_URL", postgres.getJdbcUrl("postgres", "portcullis"),
                    "PORTCULLIS_DB_USER", "postgres", "PORTCULLIS_DB_PASSWORD", "postgres",
                    "PORTCULLIS_MASTER_KEY", "ZHVyYWJpbGl0eS10ZXN0LW1hc3Rlci1rZXktMzJieXQ=");
            int port = KeycloakProcess.freePort();
            PolicyServiceProcess service = PolicyServiceProcess.start(temp.resolve("policy"), port, database);
            try {
                String key = service.createService("keycloak", List.of("mfa", "enrol", "idp", "credentials", "events"));
                try (KeycloakProcess keycloak = KeycloakProcess.start(EventForwardingIT.realm(PEOPLE), env(service, key),
                        temp.resolve("keycloak"))) {
                    service.close();
                    failLogins(keycloak, "down", 5);
                    service = PolicyServiceProcess.start(temp.resolve("policy"), port, database);

                    // its database stops answering (frozen, not gone): requests hang, time out, and are sent again
                    List<Long> frozen = signal("STOP", data);
                    try {
                        failLogins(keycloak, "frozen", 5);
                        Thread.sleep(5_000);
                    } finally {
                        signal("CONT", data);
                    }
                    assertThat(frozen).isNotEmpty();
                    assertExactly(service, 200);
                    assertVerifies(service);
                }
            } finally {
                service.close();
            }
        }
    }

    static Map<String, String> env(PolicyServiceProcess service, String key) {
        return Map.of("PORTCULLIS_URL", service.url(), "PORTCULLIS_API_KEY", key);
    }

    /** Sends {@code SIG<name>} to PostgreSQL's postmaster and every backend, returning their pids. */
    static List<Long> signal(String name, Path data) throws Exception {
        long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        List<Long> pids = new ArrayList<>();
        pids.add(postmaster);
        ProcessHandle.of(postmaster).ifPresent(p -> p.descendants().forEach(child -> pids.add(child.pid())));
        List<String> command = new ArrayList<>(List.of("kill", "-" + name));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        assertThat(new ProcessBuilder(command).inheritIO().start().waitFor()).isZero();
        return pids;
    }

    static List<JsonNode> loginErrors(PolicyServiceProcess service) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String line : service.call("GET", "/api/v1/audit/events?format=jsonl&type=LOGIN_ERROR",
                PolicyServiceProcess.ADMIN_TOKEN, null).body().lines().toList()) {
            events.add(JSON.readTree(line));
        }
        return events;
    }

    static long count(PolicyServiceProcess service) throws Exception {
        return loginErrors(service).size();
    }

    /**
     * Exactly {@code expected} LOGIN_ERROR events, each once: awaited, then checked again after the
     * forwarder has had time to send anything twice.
     */
    static void assertExactly(PolicyServiceProcess service, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (count(service) < expected && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        Thread.sleep(3_000);
        List<JsonNode> events = loginErrors(service);
        assertThat(events).as("LOGIN_ERROR events in the audit log").hasSize(expected);
        Set<String> logins = new HashSet<>();
        for (JsonNode event : events) {
            logins.add(event.path("subject").asText() + "|" + event.path("time").asText());
        }
        assertThat(logins).as("distinct failed logins").hasSize(expected);
        assertThat(events.stream().map(e -> e.path("details").path("eventId").asText()).distinct())
                .as("Keycloak's event ids, each once").hasSize(expected);
    }

    static void assertVerifies(PolicyServiceProcess service) throws Exception {
        assertThat(service.call("GET", "/api/v1/audit/verify", PolicyServiceProcess.ADMIN_TOKEN, null).body())
                .contains("\"valid\":true");
    }
}
