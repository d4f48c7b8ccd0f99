package dev.portcullis.policy.support;

import dev.portcullis.policy.security.CertificatePin;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTPS the way production runs it: a test CA ({@link TestCa}, keytool), the service's certificate
 * for 127.0.0.1, and client certificates {@link #CLIENT_A} and {@link #CLIENT_B} from the same CA; API
 * keys need a trusted client certificate ({@code portcullis.auth.client-certificate=required}). Made
 * once per test JVM under {@code target/test-tls}.
 */
public class ClientCertificateResource implements QuarkusTestResourceLifecycleManager {

    public static final String CLIENT_A = "client-a";
    public static final String CLIENT_B = "client-b";
    /** A system property, shared by the class loaders of the resource and the tests: where the stores are. */
    static final String DIRECTORY = "dev.portcullis.test.tls-directory";
    private static final Map<String, HttpClient> CLIENTS = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> start() {
        Path dir = directory();
        return Map.of(
                "quarkus.http.test-ssl-port", "0",
                "quarkus.tls.key-store.p12.path", dir.resolve("policy-service.p12").toAbsolutePath().toString(),
                "quarkus.tls.key-store.p12.password", TestCa.PASSWORD,
                "quarkus.tls.trust-store.pem.certs", dir.resolve("ca/ca.pem").toAbsolutePath().toString(),
                "portcullis.auth.client-certificate", "required");
    }

    @Override
    public void stop() {
    }

    /** The pin ({@code sha256/<base64>}) of client certificate {@code name}'s public key. */
    public static String pin(String name) {
        try {
            return CertificatePin.of(store(name).getCertificate(name)).toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP client that trusts the test CA and presents client certificate {@code name} (null: none). */
    public static HttpClient client(String name) {
        return CLIENTS.computeIfAbsent(name == null ? "" : name, k -> newClient(name));
    }

    private static HttpClient newClient(String name) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            try (InputStream pem = Files.newInputStream(directory().resolve("ca/ca.pem"))) {
                trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(pem));
            }
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            SSLContext tls = SSLContext.getInstance("TLS");
            if (name != null) {
                keyManagers.init(store(name), TestCa.PASSWORD.toCharArray());
            }
            tls.init(name == null ? null : keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore store(String name) throws GeneralSecurityException {
        try (InputStream in = Files.newInputStream(directory().resolve(name + ".p12"))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, TestCa.PASSWORD.toCharArray());
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized Path directory() {
        String made = System.getProperty(DIRECTORY);
        if (made != null) {
            return Path.of(made);
        }
        Path dir = Path.of("target", "test-tls").toAbsolutePath();
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> old = Files.walk(dir)) {
                    old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            TestCa ca = TestCa.create(dir.resolve("ca"), "Portcullis Test CA");
            Files.move(ca.issue("policy-service", "ip:127.0.0.1,dns:localhost"), dir.resolve("policy-service.p12"));
            Files.move(ca.issue(CLIENT_A, null), dir.resolve(CLIENT_A + ".p12"));
            Files.move(ca.issue(CLIENT_B, null), dir.resolve(CLIENT_B + ".p12"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        System.setProperty(DIRECTORY, dir.toString());
        return dir;
    }
}
