package dev.portcullis.policy.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** A real PostgreSQL server, started from Maven artifacts on a free port, for the PostgreSQL test runs. */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    /** A fixed test master key: PostgreSQL deployments must configure one. */
    public static final String MASTER_KEY = "cG9ydGN1bGxpcy10ZXN0LW1hc3Rlci1rZXktMzJieXQ=";

    private EmbeddedPostgres postgres;

    @Override
    public Map<String, String> start() {
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
        return Map.of(
                "portcullis.db.url", postgres.getJdbcUrl("postgres", "postgres"),
                "portcullis.db.user", "postgres",
                "portcullis.db.password", "postgres",
                "portcullis.master-key", MASTER_KEY);
    }

    @Override
    public void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
