package dev.portcullis.e2e.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.e2e.support.Browser;
import dev.portcullis.e2e.support.KeycloakProcess;
import dev.portcullis.e2e.support.PolicyServiceProcess;
import dev.portcullis.e2e.support.Totp;
import dev.portcullis.keycloak.client.PolicyServiceClient;
import dev.portcullis.keycloak.client.PolicyServiceException;
import dev.portcullis.keycloak.client.PolicyServiceRejection;
import dev.portcullis.keycloak.client.PolicyServiceSettings;
import dev.portcullis.keycloak.support.MapScope;
import dev.portcullis.policy.support.TestCa;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keycloak and the policy service over HTTPS with a test CA, the way production runs them: the service
 * serves a certificate the CA signed and demands a client certificate with every API key
 * ({@code PORTCULLIS_AUTH_CLIENT_CERTIFICATE=required}); Keycloak's connection trusts that CA only and
 * presents its own certificate. A login with a code goes through. A node that trusts another CA, or
 * presents no certificate, gets nothing from the service, and MFA fails closed.
 */
class HttpsIT {

    @TempDir
    static Path temp;

    static TestCa ca;
    static Path clientStore;
    static PolicyServiceProcess service;
    static String httpsUrl;
    static String key;

    @BeforeAll
    static void start() throws Exception {
        ca = TestCa.create(temp.resolve("ca"), "Portcullis Test CA");
        Path serverStore = ca.issue("policy-service", "ip:127.0.0.1,dns:localhost");
        clientStore = ca.issue("keycloak-node", null);
        int httpsPort = KeycloakProcess.freePort();
        httpsUrl = "https://127.0.0.1:" + httpsPort;
        Map<String, String> tls = Map.of(
                "QUARKUS_HTTP_SSL_PORT", String.valueOf(httpsPort),
                "QUARKUS_TLS_KEY_STORE_P12_PATH", serverStore.toString(),
                "QUARKUS_TLS_KEY_STORE_P12_PASSWORD", TestCa.PASSWORD,
                "QUARKUS_TLS_TRUST_STORE_PEM_CERTS", ca.pem().toString(),
                "PORTCULLIS_AUTH_CLIENT_CERTIFICATE", "required");
        service = PolicyServiceProcess.start(temp.resolve("policy"), KeycloakProcess.freePort(), tls);
        // the admin token needs a client certificate too now: the harness presents the node's
        key = createServiceOverHttps();
        var created = adminCall("PUT", "/api/v1/admin/policies/engineering", MfaLoginIT.ENGINEERING);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    static String createServiceOverHttps() throws Exception {
        var response = adminCall("POST", "/api/v1/admin/services",
                "{\"name\":\"keycloak\",\"scopes\":[\"mfa\",\"enrol\",\"idp\",\"credentials\",\"events\"]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response.body().replaceAll(".*\"apiKey\":\"([^\"]+)\".*", "$1");
    }

    static java.net.http.HttpResponse<String> adminCall(String method, String path, String body) throws Exception {
        var response = httpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(httpsUrl + path))
                .header("Authorization", "Bearer " + PolicyServiceProcess.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return response;
    }

    /** The harness's own client: trusts the test CA and presents the node's certificate. */
    static java.net.http.HttpClient httpClient() {
        PolicyServiceSettings settings = settings(Map.of("trust-store", ca.pem().toString(),
                "key-store", clientStore.toString(), "key-store-password", TestCa.PASSWORD), "pcs_unused");
        return java.net.http.HttpClient.newBuilder().sslContext(settings.sslContext()).build();
    }

    static PolicyServiceSettings settings(Map<String, String> tls, String apiKey) {
        Map<String, String> options = new HashMap<>(tls);
        options.put("url", httpsUrl);
        options.put("api-key", apiKey);
        return PolicyServiceSettings.from(new MapScope(options), Map.of());
    }

    static PolicyServiceClient client(Map<String, String> tls, String apiKey) {
        return new PolicyServiceClient(settings(tls, apiKey));
    }

    static Map<String, String> keycloakEnvironment(Path trust) {
        return Map.of("KC_SPI_PORTCULLIS__DEFAULT__URL", httpsUrl,
                "KC_SPI_PORTCULLIS__DEFAULT__API_KEY", key,
                "KC_SPI_PORTCULLIS__DEFAULT__TRUST_STORE", trust.toString(),
                "KC_SPI_PORTCULLIS__DEFAULT__KEY_STORE", clientStore.toString(),
                "KC_SPI_PORTCULLIS__DEFAULT__KEY_STORE_PASSWORD", TestCa.PASSWORD);
    }

    static Browser.Page passwordStep(KeycloakProcess keycloak, Browser browser, String person) throws Exception {
        Browser.Page login = browser.get(keycloak.url() + "/realms/employees/protocol/openid-connect/auth"
                + "?client_id=portcullis-test&response_type=code&scope=openid&redirect_uri=" + MfaLoginIT.CALLBACK);
        return browser.post(login.formAction("kc-form-login"), Map.of("username", person,
                "password", MfaLoginIT.PASSWORD));
    }

    @Test
    void aLoginWithACodeGoesOverHttpsWithTheTestCaAndTheNodesCertificate() throws Exception {
        PolicyServiceClient node = client(Map.of("trust-store", ca.pem().toString(), "key-store",
                clientStore.toString(), "key-store-password", TestCa.PASSWORD), key);
        node.decide("amy", List.of("engineering"), List.of(), null, List.of());
        var enrolment = node.startEnrolment("amy");
        long step = Totp.step(java.time.Instant.now().getEpochSecond());
        node.confirmEnrolment("amy", Totp.code(enrolment.secret(), step));
        try (KeycloakProcess keycloak = KeycloakProcess.start(MfaLoginIT.realm(), keycloakEnvironment(ca.pem()),
                temp.resolve("keycloak-trusting"))) {
            assertThat(keycloak.log()).contains("Portcullis policy service at " + httpsUrl + " (TLS: trust "
                    + ca.pem() + ", client certificate " + clientStore + ")");
            Browser browser = new Browser(MfaLoginIT.CALLBACK);
            Browser.Page ask = passwordStep(keycloak, browser, "amy");
            assertThat(ask.shows("portcullis-code.ftl")).as(ask.body()).isTrue();
            Browser.Page done = browser.post(ask.formAction("portcullis-code-form"),
                    Map.of("code", Totp.code(enrolment.secret(), step + 1)));
            assertThat(done.redirectedToClient()).as(done.body()).isTrue();
        }
    }

    @Test
    void aNodeThatTrustsAnotherCaFailsClosed() throws Exception {
        TestCa other = TestCa.create(temp.resolve("other-ca"), "Someone Else's CA");
        assertThatThrownBy(() -> client(Map.of("trust-store", other.pem().toString(), "key-store",
                clientStore.toString(), "key-store-password", TestCa.PASSWORD), key)
                .decide("ann", List.of("engineering"), List.of(), null, List.of()))
                .isInstanceOf(PolicyServiceException.class);
        try (KeycloakProcess keycloak = KeycloakProcess.start(MfaLoginIT.realm(), keycloakEnvironment(other.pem()),
                temp.resolve("keycloak-other-ca"))) {
            Browser browser = new Browser(MfaLoginIT.CALLBACK);
            Browser.Page refused = passwordStep(keycloak, browser, "ann");
            assertThat(refused.redirectedToClient()).isFalse();
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.text()).contains("verification service cannot be reached");
            assertThat(keycloak.log()).contains("MFA for ann cannot be decided").doesNotContain(key);
        }
    }

    @Test
    void aStolenKeyWithoutTheNodesCertificateOpensNothing() throws Exception {
        PolicyServiceClient withoutCertificate = client(Map.of("trust-store", ca.pem().toString()), key);
        assertThatThrownBy(() -> withoutCertificate.decide("ann", List.of("engineering"), List.of(), null, List.of()))
                .isInstanceOfSatisfying(PolicyServiceRejection.class, e -> assertThat(e.status()).isEqualTo(401));
        // and over the plain HTTP port, which still listens on loopback in this test, neither
        assertThat(service.call("POST", "/api/v1/decisions/login", key, "{\"subject\":\"ann\"}").statusCode())
                .isEqualTo(401);
        PolicyServiceClient node = client(Map.of("trust-store", ca.pem().toString(), "key-store",
                clientStore.toString(), "key-store-password", TestCa.PASSWORD), key);
        assertThat(node.decide("ann", List.of("engineering"), List.of(), null, List.of()).action()).isEqualTo("ENROL");
    }
}
