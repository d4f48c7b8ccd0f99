package dev.portcullis.keycloak.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.portcullis.keycloak.support.MapScope;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What travels to the policy service about whom a call is about, over real HTTP: Keycloak's immutable
 * id and the account's creation time as headers (the service keys people on the id), never in a body
 * the service would read as facts.
 */
class AccountHeadersTest {

    record Seen(String path, String id, String created, String realm, String body) {
    }

    private HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private PolicyServiceClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            seen.add(new Seen(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("X-Portcullis-Subject-Id"),
                    exchange.getRequestHeaders().getFirst("X-Portcullis-Subject-Created"),
                    exchange.getRequestHeaders().getFirst("X-Portcullis-Subject-Realm"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] answer = "{\"action\":\"ALLOW\",\"valid\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        client = new PolicyServiceClient(PolicyServiceSettings.from(new MapScope(Map.of("url", url,
                "api-key", "pcs_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")), Map.of()));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aDecisionSaysWhichAccountByHeaderAndKeepsTheBodyAsItWas() {
        LoginFacts facts = new LoginFacts("alice.smith", List.of("/finance"), List.of(), "wiki", List.of(),
                "0b4c5e8a-2f0e-4d0c-9a49-6b1f0e2d8c11", 1_700_000_000_000L, "employees");
        client.decide(facts);
        Seen call = seen.get(0);
        assertThat(call.id()).isEqualTo("0b4c5e8a-2f0e-4d0c-9a49-6b1f0e2d8c11");
        assertThat(call.created()).isEqualTo("1700000000000");
        assertThat(call.realm()).isEqualTo("employees");
        assertThat(call.body()).contains("\"subject\":\"alice.smith\"").doesNotContain("subjectId")
                .doesNotContain("0b4c5e8a").doesNotContain("subjectCreated");
    }

    @Test
    void aCodeCheckSaysWhichAccountAndANameAloneSaysNothingMore() {
        client.verifyTotp(new Account("alice.smith", "0b4c", 5L, "employees"), "123456", null);
        client.verifyTotp("bob", "123456");
        assertThat(seen).extracting(Seen::path).containsExactly("/api/v1/subjects/alice.smith/totp/verify",
                "/api/v1/subjects/bob/totp/verify");
        assertThat(seen.get(0).id()).isEqualTo("0b4c");
        assertThat(seen.get(0).created()).isEqualTo("5");
        assertThat(seen.get(1).id()).isNull();
        assertThat(seen.get(1).created()).isNull();
        assertThat(seen.get(1).realm()).isNull();
    }
}
