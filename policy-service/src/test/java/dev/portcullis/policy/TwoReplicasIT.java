package dev.portcullis.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.policy.support.ServiceProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas of the packaged service on one PostgreSQL, as the autoscaler runs them: a compromised
 * VPN's key and a Git server's key, alternating between the replicas, get one person's ten guesses a
 * day once, not once per replica; a spray across many people is audited once; the VPN's decisions on
 * either replica record nothing.
 */
class TwoReplicasIT {

    static final String ADMIN_TOKEN = "replicas-admin-token-0123456789abcdef";
    static final String MASTER_KEY = "cG9ydGN1bGxpcy10ZXN0LW1hc3Rlci1rZXktMzJieXQ=";
    static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    @Test
    void aLimitHoldsOnceAcrossTwoReplicas() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            Map<String, String> env = new HashMap<>(Map.of("PORTCULLIS_HOME", temp.resolve("home").toString(),
                    "PORTCULLIS_ADMIN_TOKEN", ADMIN_TOKEN, "PORTCULLIS_MASTER_KEY", MASTER_KEY,
                    "PORTCULLIS_DB_URL", postgres.getJdbcUrl("postgres", "postgres"),
                    "PORTCULLIS_DB_USER", "postgres", "PORTCULLIS_DB_PASSWORD", "postgres",
                    "PORTCULLIS_THROTTLE_SPRAY_PEOPLE", "5/1H"));
            try (ServiceProcess a = ServiceProcess.start(temp.resolve("a.log"), env)) {
                assertThat(a.awaitReady(START)).as(a.output()).isTrue();
                try (ServiceProcess b = ServiceProcess.start(temp.resolve("b.log"), env)) {
                    assertThat(b.awaitReady(START)).as(b.output()).isTrue();
                    walk(a, b);
                }
            }
        }
    }

    private void walk(ServiceProcess a, ServiceProcess b) throws Exception {
        String keycloak = key(a, "keycloak", "[\"mfa\",\"enrol\",\"idp\",\"credentials\"]");
        String vpn = key(a, "vpn", "[\"mfa\",\"credentials\"]");
        String git = key(b, "git", "[\"credentials\"]");
        ok(a.call("POST", "/api/v1/decisions/login", keycloak, "{\"subject\":\"una\"}"));
        ok(a.call("PUT", "/api/v1/credentials/una/keycloak", keycloak, "{\"password\":\"Harbour-Lantern-Quiet-42\"}"));

        int admitted = 0;
        for (int i = 0; i < 16; i++) {
            ServiceProcess replica = i % 2 == 0 ? a : b;
            String key = i % 4 < 2 ? vpn : git;
            String service = key.equals(vpn) ? "vpn" : "git";
            HttpResponse<String> answer = replica.call("POST", "/api/v1/credentials/check", key,
                    "{\"subject\":\"una\",\"service\":\"" + service + "\",\"password\":\"Guess-" + i + "-Harbour\"}");
            if (answer.statusCode() == 200) {
                admitted++;
                assertThat(answer.body()).doesNotContain("keycloak");
            } else {
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(429);
                assertThat(answer.headers().firstValue("Retry-After")).isPresent();
            }
        }
        assertThat(admitted).as("ten guesses a day for una, however many replicas answer").isEqualTo(10);

        for (int i = 0; i < 8; i++) {
            ServiceProcess replica = i % 2 == 0 ? a : b;
            ok(replica.call("POST", "/api/v1/decisions/login", keycloak, "{\"subject\":\"p" + i + "\"}"));
            ok(replica.call("POST", "/api/v1/credentials/check", vpn,
                    "{\"subject\":\"p" + i + "\",\"service\":\"vpn\",\"password\":\"Sprayed-Password-1\"}"));
        }
        String sprays = a.call("GET", "/api/v1/audit/events?format=jsonl&type=credentials.spray-suspected",
                ADMIN_TOKEN, null).body();
        assertThat(sprays.lines()).as("one spray, audited once by either replica").hasSize(1);
        assertThat(sprays).contains("\"service\":\"vpn\"");

        ok(b.call("POST", "/api/v1/decisions/login", vpn, "{\"subject\":\"newcomer\"}"));
        assertThat(a.call("GET", "/api/v1/admin/subjects/newcomer/mfa", ADMIN_TOKEN, null).statusCode())
                .as("the VPN's decision on another replica recorded no first sighting").isEqualTo(404);
    }

    static String key(ServiceProcess replica, String name, String scopes) throws Exception {
        HttpResponse<String> created = replica.call("POST", "/api/v1/admin/services", ADMIN_TOKEN,
                "{\"name\":\"" + name + "\",\"scopes\":" + scopes + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return created.body().replaceAll(".*\"apiKey\":\"([^\"]+)\".*", "$1");
    }

    static void ok(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 204);
    }
}
