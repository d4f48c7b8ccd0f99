package dev.portcullis.policy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.policy.support.EmbeddedPostgresResource;
import dev.portcullis.policy.support.ServiceProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** A real PostgreSQL and the packaged service running against it, ready, for a benchmark. */
final class BenchEnvironment implements AutoCloseable {

    static final String ADMIN = "bench-admin-token-0123456789abcdef";

    final Path work;
    final EmbeddedPostgres postgres;
    final ServiceProcess service;

    private BenchEnvironment(Path work, EmbeddedPostgres postgres, ServiceProcess service) {
        this.work = work;
        this.postgres = postgres;
        this.service = service;
    }

    /** Starts both; {@code extraEnvironment} tunes the service for the benchmark at hand. */
    static BenchEnvironment start(Map<String, String> extraEnvironment) throws Exception {
        Path work = Files.createTempDirectory("portcullis-bench");
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        Map<String, String> env = new HashMap<>(Map.of(
                "PORTCULLIS_HOME", work.resolve("home").toString(),
                "PORTCULLIS_DB_URL", postgres.getJdbcUrl("postgres", "postgres"),
                "PORTCULLIS_DB_USER", "postgres", "PORTCULLIS_DB_PASSWORD", "postgres",
                "PORTCULLIS_MASTER_KEY", EmbeddedPostgresResource.MASTER_KEY,
                "PORTCULLIS_ADMIN_TOKEN", ADMIN));
        env.putAll(extraEnvironment);
        ServiceProcess service = ServiceProcess.start(work.resolve("service.log"), env);
        BenchEnvironment environment = new BenchEnvironment(work, postgres, service);
        assertThat(service.awaitReady(Duration.ofSeconds(90))).as(service.output()).isTrue();
        return environment;
    }

    @Override
    public void close() throws Exception {
        try {
            service.stop(Duration.ofSeconds(30));
        } finally {
            service.close();
            postgres.close();
        }
    }
}
