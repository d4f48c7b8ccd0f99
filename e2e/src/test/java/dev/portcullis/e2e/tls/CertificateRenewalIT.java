package dev.portcullis.e2e.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.e2e.support.KeycloakProcess;
import dev.portcullis.e2e.support.PolicyServiceProcess;
import dev.portcullis.e2e.support.TestCa;
import dev.portcullis.keycloak.client.PolicyServiceClient;
import dev.portcullis.keycloak.client.PolicyServiceSettings;
import dev.portcullis.keycloak.support.MapScope;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy service's certificate, Keycloak's client certificate and both trust stores are renewed
 * under a new CA, as an operator rotates a CA: first both trust bundles take the new CA beside the old,
 * then both certificates are reissued, then the old CA goes. The files are swapped in place (written
 * beside, then moved, as Kubernetes updates a mounted secret); nothing restarts. Meanwhile a node's
 * connection (the class Keycloak's providers share, built from the same options) asks for login
 * decisions without a single failure, and at the end only the new certificates open anything.
 */
class CertificateRenewalIT {

    @TempDir
    Path temp;

    @Test
    void certificatesAndCasRenewedUnderLoadWithoutARestartOrAFailedCall() throws Exception {
        TestCa first = TestCa.create(temp.resolve("ca-one"), "Portcullis Test CA One");
        TestCa second = TestCa.create(temp.resolve("ca-two"), "Portcullis Test CA Two");
        Path live = Files.createDirectories(temp.resolve("live"));
        Path serverStore = live.resolve("server.p12");
        Path serverTrust = live.resolve("server-trust.pem");
        Path nodeStore = live.resolve("node.p12");
        Path nodeTrust = live.resolve("node-trust.pem");
        swap(first.issue("policy-service", "ip:127.0.0.1,dns:localhost"), serverStore);
        swap(first.pem(), serverTrust);
        swap(first.issue("keycloak-node", null), nodeStore);
        swap(first.pem(), nodeTrust);

        int httpsPort = KeycloakProcess.freePort();
        String url = "https://127.0.0.1:" + httpsPort;
        PolicyServiceProcess service = PolicyServiceProcess.start(temp.resolve("policy"), KeycloakProcess.freePort(),
                Map.of("QUARKUS_HTTP_SSL_PORT", String.valueOf(httpsPort),
                        "QUARKUS_TLS_KEY_STORE_P12_PATH", serverStore.toString(),
                        "QUARKUS_TLS_KEY_STORE_P12_PASSWORD", TestCa.PASSWORD,
                        "QUARKUS_TLS_TRUST_STORE_PEM_CERTS", serverTrust.toString(),
                        "QUARKUS_TLS_RELOAD_PERIOD", "1s",
                        // idle connections close soon, so that calls keep making new handshakes
                        "QUARKUS_HTTP_IDLE_TIMEOUT", "1s",
                        "PORTCULLIS_AUTH_CLIENT_CERTIFICATE", "required"));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger calls = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        Thread load = null;
        try {
            Map<String, String> nodeOptions = Map.of("trust-store", nodeTrust.toString(), "key-store",
                    nodeStore.toString(), "key-store-password", TestCa.PASSWORD);
            String key = createService(url, nodeOptions);
            PolicyServiceClient node = new PolicyServiceClient(settings(url, nodeOptions, key));
            load = new Thread(() -> {
                while (running.get()) {
                    try {
                        node.decide("alice", List.of("engineering"), List.of(), "portcullis-test", List.of());
                        calls.incrementAndGet();
                        Thread.sleep(calls.get() % 5 == 0 ? 1_300 : 100); // now and then idle past the timeout
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        failures.add(e.getMessage());
                    }
                }
            });
            load.start();
            Thread.sleep(3_000);

            // 1. both trust bundles take the new CA beside the old
            swap(bundle(first.pem(), second.pem()), serverTrust);
            swap(bundle(first.pem(), second.pem()), nodeTrust);
            Thread.sleep(13_000);
            // 2. both certificates are reissued by the new CA
            swap(second.issue("policy-service", "ip:127.0.0.1,dns:localhost"), serverStore);
            swap(second.issue("keycloak-node", null), nodeStore);
            Thread.sleep(13_000);
            // 3. the old CA goes
            swap(second.pem(), serverTrust);
            swap(second.pem(), nodeTrust);
            Thread.sleep(13_000);

            running.set(false);
            load.join();
            assertThat(failures).as("failed calls during the renewal").isEmpty();
            assertThat(calls.get()).as("calls made during the renewal").isGreaterThan(100);

            assertThat(presentedIssuer(httpsPort)).as("the service's certificate, on a new connection")
                    .contains("Portcullis Test CA Two");
            // the long-lived node connection, on a new handshake: it must present the new certificate
            // (the service now trusts only the new CA) and trust the new CA
            Thread.sleep(2_000);
            assertThat(node.decide("alice", List.of("engineering"), List.of(), "portcullis-test", List.of()))
                    .isNotNull();
            // a node still holding the old CA's certificate is refused
            Path oldStore = Files.copy(first.issue("stale-node", null), temp.resolve("stale.p12"));
            PolicyServiceClient stale = new PolicyServiceClient(settings(url, Map.of("trust-store",
                    bundle(first.pem(), second.pem()).toString(), "key-store", oldStore.toString(),
                    "key-store-password", TestCa.PASSWORD), key));
            assertThatThrownBy(() -> stale.decide("alice", List.of(), List.of(), null, List.of()))
                    .isInstanceOf(RuntimeException.class);
            assertThat(service.log()).contains("has been updated");
        } finally {
            running.set(false);
            if (load != null) {
                load.interrupt();
            }
            service.close();
        }
    }

    /** Replaces {@code target} at once, as a mounted secret changes: written beside it, then moved over it. */
    static void swap(Path source, Path target) throws Exception {
        Path next = target.resolveSibling(target.getFileName() + ".next");
        Files.copy(source, next, StandardCopyOption.REPLACE_EXISTING);
        Files.move(next, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    Path bundle(Path... pems) throws Exception {
        StringBuilder both = new StringBuilder();
        for (Path pem : pems) {
            both.append(Files.readString(pem)).append('\n');
        }
        return Files.writeString(Files.createTempFile(temp, "bundle", ".pem"), both.toString());
    }

    static PolicyServiceSettings settings(String url, Map<String, String> tls, String apiKey) {
        Map<String, String> options = new HashMap<>(tls);
        options.put("url", url);
        options.put("api-key", apiKey);
        return PolicyServiceSettings.from(new MapScope(options), Map.of());
    }

    static String createService(String url, Map<String, String> tls) throws Exception {
        var client = java.net.http.HttpClient.newBuilder().sslContext(settings(url, tls, "pcs_unused").sslContext())
                .build();
        var response = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url
                + "/api/v1/admin/services")).header("Authorization", "Bearer " + PolicyServiceProcess.ADMIN_TOKEN)
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"keycloak\",\"scopes\":[\"mfa\",\"enrol\",\"credentials\",\"events\"]}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response.body().replaceAll(".*\"apiKey\":\"([^\"]+)\".*", "$1");
    }

    /** The issuer of the certificate the service presents to a new connection (read, not trusted). */
    static String presentedIssuer(int port) throws Exception {
        X509TrustManager readOnly = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {readOnly}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getIssuerX500Principal().getName();
        }
    }
}
