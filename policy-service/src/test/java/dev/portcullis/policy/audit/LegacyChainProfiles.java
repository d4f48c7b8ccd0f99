package dev.portcullis.policy.audit;

import dev.portcullis.policy.support.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/** The service started on a database written before migration V13 ({@link LegacyChain}), on H2 and PostgreSQL. */
final class LegacyChainProfiles {

    private LegacyChainProfiles() {
    }

    /** Embedded H2: a data directory of its own, whose database holds the legacy chain. */
    public static class H2 implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LegacyH2.class));
        }
    }

    public static class Postgres implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LegacyPostgres.class));
        }
    }

    public static class LegacyH2 implements QuarkusTestResourceLifecycleManager {
        private Path home;

        @Override
        public Map<String, String> start() {
            home = Path.of("target", "legacy-h2-" + UUID.randomUUID()).toAbsolutePath();
            LegacyChain.write("jdbc:h2:file:" + home.resolve("db").resolve("portcullis"), "portcullis", "portcullis");
            return Map.of("portcullis.home", home.toString());
        }

        @Override
        public void stop() {
            if (home == null) {
                return;
            }
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            } catch (IOException e) {
                // left under target/, which the next clean removes
            }
        }
    }

    public static class LegacyPostgres extends EmbeddedPostgresResource {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = super.start();
            LegacyChain.write(config.get("portcullis.db.url"), "postgres", "postgres");
            return config;
        }
    }
}
