package dev.portcullis.e2e.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.e2e.support.Browser;
import dev.portcullis.e2e.support.KeycloakProcess;
import dev.portcullis.e2e.support.PolicyServiceProcess;
import dev.portcullis.e2e.support.Totp;
import dev.portcullis.keycloak.client.PolicyServiceClient;
import dev.portcullis.keycloak.client.PolicyServiceSettings;
import dev.portcullis.keycloak.support.MapScope;
import dev.portcullis.policy.support.TestCa;
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
 * beside, then moved, as Kubernetes updates a mounted secret); nothing restarts. Meanwhile people
 * sign in to the real Keycloak with a password and a code (the decision and the code checked over
 * mutual TLS), and a node's connection built from the same options asks for decisions ten times a
 * second: not one login or call fails, and at the end only the new certificates open anything.
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
        AtomicInteger logins = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        Thread load = null;
        Thread people = null;
        KeycloakProcess keycloak = null;
        try {
            Map<String, String> nodeOptions = Map.of("trust-store", nodeTrust.toString(), "key-store",
                    nodeStore.toString(), "key-store-password", TestCa.PASSWORD);
            String key = createService(url, nodeOptions);
            PolicyServiceClient node = new PolicyServiceClient(settings(url, nodeOptions, key));
            assertThat(adminCall(url, nodeOptions, "PUT", "/api/v1/admin/policies/engineering",
                    MfaLoginIT.ENGINEERING).statusCode()).isEqualTo(201);
            Map<String, String> secrets = new HashMap<>();
            long enrolled = Totp.step(java.time.Instant.now().getEpochSecond());
            for (String person : PEOPLE) {
                node.decide(person, List.of("engineering"), List.of(), null, List.of());
                String secret = node.startEnrolment(person).secret();
                node.confirmEnrolment(person, Totp.code(secret, enrolled));
                secrets.put(person, secret);
            }
            keycloak = KeycloakProcess.start(MfaLoginIT.realm(), Map.of(
                    "KC_SPI_PORTCULLIS__DEFAULT__URL", url, "KC_SPI_PORTCULLIS__DEFAULT__API_KEY", key,
                    "KC_SPI_PORTCULLIS__DEFAULT__TRUST_STORE", nodeTrust.toString(),
                    "KC_SPI_PORTCULLIS__DEFAULT__KEY_STORE", nodeStore.toString(),
                    "KC_SPI_PORTCULLIS__DEFAULT__KEY_STORE_PASSWORD", TestCa.PASSWORD), temp.resolve("keycloak"));
            KeycloakProcess sso = keycloak;
            people = new Thread(() -> signInInTurn(sso, secrets, enrolled, running, logins, failures));
            people.start();
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
            // Keycloak looks at its key store when a handshake asks for its certificate: under a slow machine
            // that may come later than the sleeps above, so the load goes on until both changes are logged
            for (int i = 0; i < 60 && !(keycloak.log().contains("key-store " + nodeStore + " changed")
                    && keycloak.log().contains("trust-store " + nodeTrust + " changed")); i++) {
                Thread.sleep(1_000);
            }

            running.set(false);
            load.join();
            people.join();
            assertThat(failures).as("failed logins and calls during the renewal").isEmpty();
            assertThat(calls.get()).as("calls made during the renewal").isGreaterThan(100);
            assertThat(logins.get()).as("logins with a code during the renewal").isGreaterThanOrEqualTo(10);
            assertThat(keycloak.log()).contains("key-store " + nodeStore + " changed")
                    .contains("trust-store " + nodeTrust + " changed");

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
            if (people != null) {
                people.interrupt();
            }
            if (keycloak != null) {
                keycloak.close();
            }
            service.close();
        }
    }

    static final List<String> PEOPLE = List.of("alice", "amy", "ann", "abe", "bob", "ben");

    /**
     * Browser logins with a password and a code, one after another, each person once per TOTP step (a
     * code is good once): what a login page does while the certificates change under it.
     */
    static void signInInTurn(KeycloakProcess keycloak, Map<String, String> secrets, long enrolled,
            AtomicBoolean running, AtomicInteger logins, List<String> failures) {
        Map<String, Long> used = new HashMap<>();
        PEOPLE.forEach(person -> used.put(person, enrolled));
        while (running.get()) {
            try {
                long step = Totp.step(java.time.Instant.now().getEpochSecond());
                String person = PEOPLE.stream().filter(p -> used.get(p) < step).findFirst().orElse(null);
                if (person == null) {
                    Thread.sleep(500);
                    continue;
                }
                used.put(person, step);
                Browser browser = new Browser(MfaLoginIT.CALLBACK);
                Browser.Page page = browser.get(keycloak.url() + "/realms/employees/protocol/openid-connect/auth"
                        + "?client_id=portcullis-test&response_type=code&scope=openid&redirect_uri="
                        + MfaLoginIT.CALLBACK);
                Browser.Page ask = browser.post(page.formAction("kc-form-login"), Map.of("username", person,
                        "password", MfaLoginIT.PASSWORD));
                if (!ask.shows("portcullis-code.ftl")) {
                    failures.add(person + " got no code page: " + ask.text());
                    continue;
                }
                Browser.Page done = browser.post(ask.formAction("portcullis-code-form"),
                        Map.of("code", Totp.code(secrets.get(person), step)));
                if (done.redirectedToClient()) {
                    logins.incrementAndGet();
                } else {
                    failures.add(person + " was not signed in: " + done.text());
                }
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                failures.add("login: " + e);
            }
        }
    }

    static java.net.http.HttpResponse<String> adminCall(String url, Map<String, String> tls, String method,
            String path, String body) throws Exception {
        var client = java.net.http.HttpClient.newBuilder().sslContext(settings(url, tls, "pcs_unused").sslContext())
                .build();
        return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + path))
                .header("Authorization", "Bearer " + PolicyServiceProcess.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
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
        var response = adminCall(url, tls, "POST", "/api/v1/admin/services",
                "{\"name\":\"keycloak\",\"scopes\":[\"mfa\",\"enrol\",\"idp\",\"credentials\",\"events\"]}");
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
