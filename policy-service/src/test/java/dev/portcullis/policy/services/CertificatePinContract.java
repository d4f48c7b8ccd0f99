package dev.portcullis.policy.services;

import static dev.portcullis.policy.support.Api.uniqueName;
import static dev.portcullis.policy.support.ClientCertificateResource.CLIENT_A;
import static dev.portcullis.policy.support.ClientCertificateResource.CLIENT_B;
import static dev.portcullis.policy.support.ClientCertificateResource.pin;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.policy.support.Api;
import dev.portcullis.policy.support.ClientCertificateResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Service keys bound to client certificates, over HTTPS with client certificates required: two
 * certificates from one CA, A and B, both trusted. A key pinned to A works with A only, at once after
 * every change of its pins; an unpinned key works with either. Run on each database by its subclasses.
 */
public abstract class CertificatePinContract {

    static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource(tls = true)
    URI https;

    @Inject
    MeterRegistry meters;

    @Test
    void aPinnedKeyWorksOnlyWithItsCertificateAndAnUnpinnedKeyWithAny() throws Exception {
        String vpn = uniqueName("vpn");
        String vpnKey = create(vpn, List.of(pin(CLIENT_A)));
        String gitlab = uniqueName("gitlab");
        String gitlabKey = create(gitlab, null);
        double failuresBefore = failures();

        assertThat(decide(CLIENT_A, vpnKey).statusCode()).isEqualTo(200);
        assertThat(decide(CLIENT_A, vpnKey).statusCode()).as("remembered, still checked").isEqualTo(200);
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> refused = decide(CLIENT_B, vpnKey);
            assertThat(refused.statusCode()).as("key A with certificate B, the %s time", i == 0 ? "first" : "second")
                    .isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(JSON.readTree(refused.body()).path("detail").asText())
                    .contains("bound to another client certificate");
        }
        assertThat(failures() - failuresBefore).as("portcullis_auth_failures_total").isEqualTo(2.0);
        List<JsonNode> mismatches = mismatches(vpn);
        assertThat(mismatches).as("one event per service and certificate a minute").hasSize(1);
        assertThat(mismatches.get(0).path("actor").asText()).isEqualTo("service:" + vpn);
        assertThat(mismatches.get(0).path("outcome").asText()).isEqualTo("failure");
        assertThat(mismatches.get(0).path("details").path("presentedPin").asText()).isEqualTo(pin(CLIENT_B));
        assertThat(mismatches.get(0).toString()).doesNotContain(vpnKey);

        assertThat(decide(CLIENT_A, gitlabKey).statusCode()).as("unpinned, certificate A").isEqualTo(200);
        assertThat(decide(CLIENT_B, gitlabKey).statusCode()).as("unpinned, certificate B").isEqualTo(200);
        assertThat(decide(null, gitlabKey).statusCode()).as("no certificate, where one is required").isEqualTo(401);

        HttpResponse<String> pinned = admin("PUT", "/api/v1/admin/services/" + vpn + "/certificate-pins",
                Map.of("pins", List.of(pin(CLIENT_B))));
        assertThat(pinned.statusCode()).as(pinned.body()).isEqualTo(200);
        assertThat(JSON.readTree(pinned.body()).path("certificatePins").get(0).asText()).isEqualTo(pin(CLIENT_B));
        assertThat(decide(CLIENT_B, vpnKey).statusCode()).as("at once, on this replica").isEqualTo(200);
        assertThat(decide(CLIENT_A, vpnKey).statusCode()).isEqualTo(401);
        assertThat(mismatches(vpn)).hasSize(2).last()
                .satisfies(event -> assertThat(event.path("details").path("presentedPin").asText())
                        .isEqualTo(pin(CLIENT_A)));
    }

    @Test
    void twoPinsLetACertificateBeRenewedWithANewKeyWithoutAnOutage() throws Exception {
        String keycloak = uniqueName("keycloak");
        String key = create(keycloak, List.of(pin(CLIENT_A)));
        assertThat(decide(CLIENT_A, key).statusCode()).isEqualTo(200);
        String hexOfB = java.util.HexFormat.of().formatHex(java.util.Base64.getDecoder()
                .decode(pin(CLIENT_B).substring("sha256/".length())));
        HttpResponse<String> both = admin("PUT", "/api/v1/admin/services/" + keycloak + "/certificate-pins",
                Map.of("pins", List.of(pin(CLIENT_A), hexOfB)));
        assertThat(both.statusCode()).as(both.body()).isEqualTo(200);
        assertThat(JSON.readTree(both.body()).path("certificatePins").toString())
                .isEqualTo(JSON.writeValueAsString(List.of(pin(CLIENT_A), pin(CLIENT_B))));
        assertThat(decide(CLIENT_A, key).statusCode()).as("the certificate in use").isEqualTo(200);
        assertThat(decide(CLIENT_B, key).statusCode()).as("its successor").isEqualTo(200);
        admin("PUT", "/api/v1/admin/services/" + keycloak + "/certificate-pins", Map.of("pins", List.of(pin(CLIENT_B))));
        assertThat(decide(CLIENT_A, key).statusCode()).as("the old one, once unpinned").isEqualTo(401);
        assertThat(decide(CLIENT_B, key).statusCode()).isEqualTo(200);
    }

    private String create(String name, List<String> pins) throws IOException, InterruptedException {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "scopes", List.of("mfa")));
        if (pins != null) {
            body.put("certificatePins", pins);
        }
        HttpResponse<String> created = admin("POST", "/api/v1/admin/services", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("apiKey").asText();
    }

    private HttpResponse<String> decide(String certificate, String key) throws IOException, InterruptedException {
        return call(certificate, key, "POST", "/api/v1/decisions/login", Map.of("subject", uniqueName("amy")));
    }

    /** The bootstrap admin, over a connection with certificate A (required for every bearer token here). */
    private HttpResponse<String> admin(String method, String path, Object body) throws IOException, InterruptedException {
        return call(CLIENT_A, Api.ADMIN_TOKEN, method, path, body);
    }

    private List<JsonNode> mismatches(String service) throws IOException, InterruptedException {
        HttpResponse<String> events = admin("GET",
                "/api/v1/audit/events?format=jsonl&type=service.certificate-mismatch", null);
        assertThat(events.statusCode()).as(events.body()).isEqualTo(200);
        List<JsonNode> found = new java.util.ArrayList<>();
        for (String line : events.body().lines().toList()) {
            JsonNode event = JSON.readTree(line);
            if (event.path("details").path("service").asText().equals(service)) {
                found.add(event);
            }
        }
        return found;
    }

    private HttpResponse<String> call(String certificate, String token, String method, String path, Object body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(https.resolve(path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return ClientCertificateResource.client(certificate).send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private double failures() {
        return meters.get("portcullis.auth.failures").counter().count();
    }
}
