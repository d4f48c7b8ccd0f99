package dev.portcullis.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** deploy/systemd: units systemd accepts as they are, hardened, with every secret a credential. */
class SystemdUnitTest {

    static final Path SYSTEMD = Path.of(System.getProperty("portcullis.deploy", "../deploy")).resolve("systemd");

    @ParameterizedTest
    @ValueSource(strings = {"portcullis-policy.service", "keycloak.service"})
    void systemdAcceptsTheUnitWithoutAWord(String unit, @TempDir Path temp) throws Exception {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed here");
        Path copy = Files.copy(SYSTEMD.resolve(unit), temp.resolve(unit));
        Process verify = new ProcessBuilder(analyze.toString(), "verify", copy.toString())
                .redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes());
        assertThat(verify.waitFor()).as(output).isZero();
        // unknown or misspelt settings are only warnings to systemd, and so failures here
        assertThat(output.lines().filter(line -> !line.isBlank()
                && !line.contains("Failed to connect to bus") && !line.contains("Falling back to"))).as(output).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"portcullis-policy.service", "keycloak.service"})
    void theUnitIsHardenedAndTakesItsSecretsAsCredentials(String unit) throws IOException {
        List<String> lines = Files.readAllLines(SYSTEMD.resolve(unit));
        assertThat(lines).contains("NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes",
                "CapabilityBoundingSet=", "RestrictSUIDSGID=yes");
        assertThat(lines).anyMatch(line -> line.equals("DynamicUser=yes") || line.startsWith("User="));
        assertThat(lines).noneMatch(line -> line.matches("User=root|Group=root"));
        assertThat(lines.stream().filter(line -> line.startsWith("LoadCredential=")).count()).isGreaterThanOrEqualTo(3);
        assertThat(lines).noneMatch(line -> line.startsWith("Environment=") && secretName(line.substring(12)));
    }

    @Test
    void thePolicyServiceGetsItsMasterKeyDatabasePasswordAndConsoleSecretsFromCredentials() throws IOException {
        String unit = Files.readString(SYSTEMD.resolve("portcullis-policy.service"));
        for (String secret : List.of("PORTCULLIS_MASTER_KEY", "PORTCULLIS_DB_PASSWORD", "PORTCULLIS_CONSOLE_CLIENT_SECRET",
                "PORTCULLIS_CONSOLE_SESSION_SECRET", "PORTCULLIS_METRICS_TOKEN")) {
            assertThat(unit).contains("LoadCredential=" + secret + ":");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"portcullis-policy.env", "keycloak.env"})
    void environmentFilesHoldNoSecret(String file) throws IOException {
        List<String> secrets = new ArrayList<>();
        for (String line : Files.readAllLines(SYSTEMD.resolve(file))) {
            if (!line.startsWith("#") && line.contains("=") && secretName(line)) {
                secrets.add(line);
            }
        }
        assertThat(secrets).isEmpty();
    }

    /** A setting whose name says it is a secret (a path to a credential file is not one). */
    static boolean secretName(String assignment) {
        String name = assignment.substring(0, assignment.indexOf('='));
        String value = assignment.substring(assignment.indexOf('=') + 1);
        return name.matches(".*(PASSWORD|SECRET|TOKEN|MASTER_KEY|API_KEY)") && !value.startsWith("/run/credentials/");
    }
}
