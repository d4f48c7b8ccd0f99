package dev.portcullis.policy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseSelectionTest {

    @Test
    void withoutAUrlTheEmbeddedDatabaseIsActive() {
        var values = DatabaseSelection.selection(false, "./.portcullis");
        assertThat(values).containsEntry("quarkus.datasource.active", "true")
                .containsEntry("quarkus.hibernate-orm.\"pg\".active", "false")
                .doesNotContainKey("portcullis.require-master-key");
    }

    @Test
    void withAUrlPostgresqlIsActiveAndTheMasterKeyRequired() {
        var values = DatabaseSelection.selection(true, "./.portcullis");
        assertThat(values).containsEntry("quarkus.datasource.active", "false")
                .containsEntry("quarkus.flyway.\"pg\".active", "true")
                .containsEntry("portcullis.require-master-key", "true");
    }

    @Test
    void theEmbeddedUrlIsAbsoluteUnderTheDataDirectory() {
        String url = DatabaseSelection.embeddedUrl("data/here");
        assertThat(url).startsWith("jdbc:h2:file:" + Path.of("data/here").toAbsolutePath() + "/db/portcullis;");
    }
}
