package dev.portcullis.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.policy.support.EmbeddedPostgresResource;
import dev.portcullis.policy.support.ReferenceTotp;
import dev.portcullis.policy.support.ServiceProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup and restore drill as an operator runs it: a {@code pg_dump} of a working service's
 * PostgreSQL goes through {@code deploy/restore-drill.sh} into a fresh server, which checks the audit
 * chain and that the master key opens the TOTP secrets; the restored database then serves a TOTP login.
 * The same dump with another key fails the drill.
 */
class RestoreDrillIT {

    static final String ADMIN_TOKEN = "drill-admin-token-0123456789abcdef";
    static final String OTHER_KEY = "b3RoZXItbWFzdGVyLWtleS1ub3QtdGhlLWJhY2t1cHM=";

    @TempDir
    Path temp;

    static Map<String, String> service(Path home, EmbeddedPostgres postgres, String database, String masterKey) {
        return Map.of("PORTCULLIS_HOME", home.toString(), "PORTCULLIS_ADMIN_TOKEN", ADMIN_TOKEN,
                "PORTCULLIS_DB_URL", postgres.getJdbcUrl("postgres", database),
                "PORTCULLIS_DB_USER", "postgres", "PORTCULLIS_DB_PASSWORD", "postgres",
                "PORTCULLIS_MASTER_KEY", masterKey);
    }

    static ServiceProcess.CommandResult run(Path log, Map<String, String> environment, String... command)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("PORTCULLIS_") || k.startsWith("PG"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        return new ServiceProcess.CommandResult(process.exitValue(), Files.readString(log));
    }

    @Test
    void aDumpAndItsKeyRestoreAServiceWithItsChainAndLoginsAndAnotherKeyFailsTheDrill() throws Exception {
        assertThat(Path.of("/usr/bin/pg_dump")).as("pg_dump and pg_restore (apt-get install postgresql-client)")
                .isExecutable();
        String secret;
        long step;
        String key;
        try (EmbeddedPostgres source = EmbeddedPostgres.builder().start();
                EmbeddedPostgres target = EmbeddedPostgres.builder().start()) {
            try (ServiceProcess live = ServiceProcess.start(temp.resolve("live.log"),
                    service(temp.resolve("live"), source, "postgres", EmbeddedPostgresResource.MASTER_KEY))) {
                assertThat(live.awaitReady(Duration.ofSeconds(90))).as(live.output()).isTrue();
                key = live.call("POST", "/api/v1/admin/services", ADMIN_TOKEN,
                        "{\"name\":\"keycloak\",\"scopes\":[\"mfa\",\"enrol\",\"idp\"]}").body()
                        .replaceAll(".*\"apiKey\":\"([^\"]+)\".*", "$1");
                live.call("POST", "/api/v1/decisions/login", key, "{\"subject\":\"alice\"}");
                secret = live.call("POST", "/api/v1/subjects/alice/totp/enrolment", key, null).body()
                        .replaceAll(".*\"secret\":\"([^\"]+)\".*", "$1");
                step = ReferenceTotp.step(Instant.now());
                assertThat(live.call("POST", "/api/v1/subjects/alice/totp/enrolment/confirm", key,
                        "{\"code\":\"" + ReferenceTotp.code(secret, step) + "\"}").statusCode()).isEqualTo(200);
                live.stop(Duration.ofSeconds(30));
            }
            Path dump = temp.resolve("portcullis.dump");
            var dumped = run(temp.resolve("dump.log"), Map.of("PGPASSWORD", "postgres"), "pg_dump", "--format=custom",
                    "--host=localhost", "--port=" + source.getPort(), "--username=postgres", "--file=" + dump,
                    "postgres");
            assertThat(dumped.exitCode()).as(dumped.output()).isZero();

            Map<String, String> drill = new HashMap<>(Map.of("PGHOST", "localhost", "PGPORT",
                    Integer.toString(target.getPort()), "PGUSER", "postgres", "PGPASSWORD", "postgres",
                    "PORTCULLIS_APP", Path.of(System.getProperty("portcullis.app.jar",
                            "target/quarkus-app/quarkus-run.jar")).getParent().toString()));
            drill.put("PORTCULLIS_MASTER_KEY", EmbeddedPostgresResource.MASTER_KEY);
            var passed = run(temp.resolve("drill.log"), drill, "bash", "../deploy/restore-drill.sh", dump.toString(),
                    "--keep");
            assertThat(passed.exitCode()).as(passed.output()).isZero();
            assertThat(passed.output()).contains("[1/4]", "[4/4]", "OK: 1 of 1 TOTP secrets open", "DRILL PASSED")
                    .containsPattern("OK: \\d+ events checked, the chain is intact");
            Matcher kept = Pattern.compile("kept as (portcullis_drill_\\d+)").matcher(passed.output());
            assertThat(kept.find()).isTrue();

            try (ServiceProcess restored = ServiceProcess.start(temp.resolve("restored.log"),
                    service(temp.resolve("restored"), target, kept.group(1), EmbeddedPostgresResource.MASTER_KEY))) {
                assertThat(restored.awaitReady(Duration.ofSeconds(90))).as(restored.output()).isTrue();
                var login = restored.call("POST", "/api/v1/subjects/alice/totp/verify", key,
                        "{\"code\":\"" + ReferenceTotp.code(secret, step + 1) + "\"}");
                assertThat(login.body()).as("a TOTP login on the restored database").contains("\"valid\":true");
                restored.stop(Duration.ofSeconds(30));
            }

            drill.put("PORTCULLIS_MASTER_KEY", OTHER_KEY);
            var failed = run(temp.resolve("wrong-key.log"), drill, "bash", "../deploy/restore-drill.sh",
                    dump.toString());
            assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
            assertThat(failed.output()).contains("WRONG KEY OR TAMPERED DATA: 0 of 1").contains("DRILL FAILED")
                    .doesNotContain(EmbeddedPostgresResource.MASTER_KEY).doesNotContain(OTHER_KEY);
            assertThat(List.of(failed.output().split("\n"))).noneMatch(line -> line.contains(secret));
        }
    }
}
