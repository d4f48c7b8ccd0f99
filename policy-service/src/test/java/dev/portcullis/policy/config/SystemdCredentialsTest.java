package dev.portcullis.policy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** systemd's LoadCredential files, read as the settings they are named after. */
class SystemdCredentialsTest {

    @TempDir
    Path credentials;

    @Test
    void eachFileIsTheSettingOfItsNameWithoutItsTrailingNewline() throws Exception {
        Files.writeString(credentials.resolve("PORTCULLIS_MASTER_KEY"), "c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0wMTIzNDU2Nzg=\n");
        Files.writeString(credentials.resolve("PORTCULLIS_DB_PASSWORD"), "db-pass\n");
        Files.writeString(credentials.resolve("QUARKUS_TLS_KEY_STORE_P12_PASSWORD"), "store-pass");
        SystemdCredentials source = new SystemdCredentials(credentials.toString());
        assertThat(source.getValue("portcullis.master-key"))
                .isEqualTo("c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0wMTIzNDU2Nzg=");
        assertThat(source.getValue("portcullis.db.password")).isEqualTo("db-pass");
        assertThat(source.getValue("quarkus.tls.key-store.p12.password")).isEqualTo("store-pass");
        assertThat(source.getOrdinal()).isLessThan(300).isGreaterThan(250);
    }

    @Test
    void filesThatAreNotSettingNamesAreIgnoredAndNoDirectoryMeansNothing() throws Exception {
        Files.writeString(credentials.resolve("notes.txt"), "hello");
        Files.writeString(credentials.resolve("PORTCULLIS_BIG"), "x".repeat(70_000));
        assertThat(new SystemdCredentials(credentials.toString()).getPropertyNames()).isEmpty();
        assertThat(new SystemdCredentials(null).getPropertyNames()).isEmpty();
    }
}
