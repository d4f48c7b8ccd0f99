package dev.portcullis.keycloak.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.keycloak.support.MapScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trust and key stores of the connection: what an operator gets wrong is named, never silently ignored. */
class TlsSettingsTest {

    private static final String KEY = "pcs_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    @TempDir
    static Path temp;

    static PolicyServiceSettings settings(String url, Map<String, String> options) {
        Map<String, String> all = new HashMap<>(options);
        all.put("url", url);
        all.put("api-key", KEY);
        return PolicyServiceSettings.from(new MapScope(all), Map.of());
    }

    /** A CA certificate as PEM and as PKCS#12, made with the JDK's keytool. */
    static Path[] caFiles() throws Exception {
        Path p12 = temp.resolve("ca.p12");
        Path pem = temp.resolve("ca.pem");
        if (!Files.exists(pem)) {
            keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Test CA",
                    "-ext", "bc:c", "-validity", "2", "-keystore", p12.toString(), "-storetype", "PKCS12",
                    "-storepass", "secret-pass");
            keytool("-exportcert", "-alias", "ca", "-rfc", "-keystore", p12.toString(), "-storepass", "secret-pass",
                    "-file", pem.toString());
        }
        return new Path[] {pem, p12};
    }

    static void keytool(String... arguments) throws Exception {
        var command = new java.util.ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(java.util.List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor()).isZero();
    }

    @Test
    void httpsWithoutStoresUsesTheJvmsCas() {
        PolicyServiceSettings plain = settings("https://policy.example:8443", Map.of());
        assertThat(plain.sslContext()).isNull();
        assertThat(plain.tlsDescription()).isEqualTo("trust the JVM's CAs");
        assertThat(settings("http://127.0.0.1:8090", Map.of()).tlsDescription()).isEqualTo("none (http)");
    }

    @Test
    void aPemOrPkcs12TrustStoreGivesTheConnectionItsOwnTrust() throws Exception {
        Path[] ca = caFiles();
        PolicyServiceSettings pem = settings("https://policy.example:8443", Map.of("trust-store", ca[0].toString()));
        assertThat(pem.sslContext()).isNotNull();
        assertThat(pem.tlsDescription()).isEqualTo("trust " + ca[0]);
        PolicyServiceSettings p12 = settings("https://policy.example:8443", Map.of("trust-store", ca[1].toString(),
                "trust-store-password", "secret-pass"));
        assertThat(p12.sslContext()).isNotNull();
        assertThat(p12.toString()).doesNotContain("secret-pass").doesNotContain(KEY);
    }

    @Test
    void storesWithPlainHttpAreAMistakeNotAQuietDowngrade() throws Exception {
        Path[] ca = caFiles();
        assertThatThrownBy(() -> settings("http://policy.example:8090", Map.of("trust-store", ca[0].toString())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need an https url");
    }

    @Test
    void unreadableOrWrongStoresAreNamed() throws Exception {
        Path[] ca = caFiles();
        assertThatThrownBy(() -> settings("https://p.example", Map.of("trust-store", temp.resolve("none.pem").toString())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trust-store").hasMessageContaining("none.pem");
        assertThatThrownBy(() -> settings("https://p.example", Map.of("key-store", ca[1].toString(),
                "key-store-password", "wrong")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key-store")
                .hasMessageContaining("wrong password");
        Path empty = Files.writeString(temp.resolve("empty.pem"), "-----BEGIN NOTHING-----\n");
        assertThatThrownBy(() -> settings("https://p.example", Map.of("trust-store", empty.toString())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
