package dev.portcullis.policy.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Chooses the database at runtime. Both datasources are built in; when {@code portcullis.db.url}
 * (PORTCULLIS_DB_URL) is set, the PostgreSQL one has a URL and so is active, and this source
 * deactivates the embedded H2 one, together with its persistence unit and migrations.
 */
public class DatabaseSelection implements ConfigSourceFactory {

    static final String URL_KEY = "portcullis.db.url";
    static final String HOME_KEY = "portcullis.home";
    static final String DEFAULT_HOME = "./.portcullis";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue url = context.getValue(URL_KEY);
        boolean external = url != null && url.getValue() != null && !url.getValue().isBlank();
        ConfigValue home = context.getValue(HOME_KEY);
        String dataDirectory = home == null || home.getValue() == null ? DEFAULT_HOME : home.getValue();
        return List.of(new PropertiesConfigSource(selection(external, dataDirectory),
                "portcullis-database-selection", 1000));
    }

    /** H2 refuses paths relative to the working directory, so the data directory is made absolute. */
    static String embeddedUrl(String dataDirectory) {
        Path file = Path.of(dataDirectory).toAbsolutePath().normalize().resolve("db").resolve("portcullis");
        return "jdbc:h2:file:" + file + ";LOCK_TIMEOUT=30000;DB_CLOSE_ON_EXIT=FALSE";
    }

    static Map<String, String> selection(boolean external, String dataDirectory) {
        String embedded = Boolean.toString(!external);
        String pg = Boolean.toString(external);
        Map<String, String> values = new HashMap<>();
        values.put("quarkus.datasource.jdbc.url", embeddedUrl(dataDirectory));
        values.put("quarkus.datasource.active", embedded);
        values.put("quarkus.hibernate-orm.active", embedded);
        values.put("quarkus.flyway.active", embedded);
        values.put("quarkus.datasource.\"pg\".active", pg);
        values.put("quarkus.hibernate-orm.\"pg\".active", pg);
        values.put("quarkus.flyway.\"pg\".active", pg);
        if (external) {
            // Replicas share the database, so they must share the master key: never generate one.
            values.put("portcullis.require-master-key", "true");
        }
        return values;
    }
}
