package dev.portcullis.e2e.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.e2e.support.PolicyServiceProcess;
import dev.portcullis.e2e.support.Totp;
import dev.portcullis.keycloak.client.Answers;
import dev.portcullis.keycloak.client.PolicyServiceClient;
import dev.portcullis.keycloak.client.PolicyServiceException;
import dev.portcullis.keycloak.client.PolicyServiceRejection;
import dev.portcullis.keycloak.client.PolicyServiceSettings;
import dev.portcullis.keycloak.support.MapScope;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The extension's client against the real, packaged policy service, and against one that is down or stuck. */
class PolicyServiceClientIT {

    @TempDir
    static Path temp;

    static PolicyServiceProcess service;
    static PolicyServiceClient client;

    @BeforeAll
    static void start() throws Exception {
        service = PolicyServiceProcess.start(temp.resolve("home"));
        String key = service.createService("keycloak", List.of("mfa", "enrol", "idp", "credentials", "events"));
        client = new PolicyServiceClient(settings(service.url(), key));
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    static PolicyServiceSettings settings(String url, String key) {
        return PolicyServiceSettings.from(new MapScope(Map.of("url", url, "api-key", key)), Map.of());
    }

    @Test
    void aNewcomerIsRemindedThenEnrolsAndVerifiesWithCodesFromTheKey() {
        Answers.LoginDecision first = client.decide("Carol.Client", List.of("/finance"), List.of("staff"),
                "account-console", List.of());
        assertThat(first.action()).isEqualTo("ENROL_OPTIONAL");
        assertThat(first.daysLeft()).isEqualTo(7);

        Answers.Enrolment enrolment = client.startEnrolment("carol.client");
        assertThat(enrolment.qrCode()).startsWith("data:image/png;base64,");
        assertThat(enrolment.toString()).doesNotContain(enrolment.secret());
        long step = Totp.step(Instant.now().getEpochSecond());
        assertThatThrownBy(() -> client.confirmEnrolment("carol.client", "000000".equals(Totp.code(enrolment.secret(),
                step)) ? "111111" : "000000"))
                .isInstanceOfSatisfying(PolicyServiceRejection.class, r -> assertThat(r.status()).isEqualTo(422));
        Answers.RecoveryCodes codes = client.confirmEnrolment("carol.client", Totp.code(enrolment.secret(), step));
        assertThat(codes.recoveryCodes()).hasSize(10);

        assertThat(client.decide("carol.client", List.of(), List.of(), null, List.of()).action()).isEqualTo("VERIFY");
        assertThat(client.verifyTotp("carol.client", Totp.code(enrolment.secret(), step + 1)).valid()).isTrue();
        assertThat(client.verifyTotp("carol.client", Totp.code(enrolment.secret(), step + 1)).valid()).isFalse();
        assertThat(client.verifyRecoveryCode("carol.client", codes.recoveryCodes().get(0)).remaining()).isEqualTo(9);
    }

    @Test
    void fiveWrongCodesLockAndTheLockIsARejection() {
        Answers.Enrolment enrolment = client.startEnrolment("dan.locked");
        long step = Totp.step(Instant.now().getEpochSecond());
        client.confirmEnrolment("dan.locked", Totp.code(enrolment.secret(), step));
        String wrong = Totp.code(enrolment.secret(), step + 5);
        for (int i = 0; i < 5; i++) {
            client.verifyTotp("dan.locked", wrong);
        }
        assertThatThrownBy(() -> client.verifyTotp("dan.locked", Totp.code(enrolment.secret(), step + 1)))
                .isInstanceOfSatisfying(PolicyServiceRejection.class, r -> assertThat(r.locked()).isTrue());
        assertThat(client.decide("dan.locked", List.of(), List.of(), null, List.of()).action()).isEqualTo("DENY");
    }

    @Test
    void passwordsAreCheckedAndRegisteredAndEventsAppended() throws Exception {
        String vpnKey = service.createService("vpn", List.of("credentials"));
        client.decide("erin", List.of(), List.of(), null, List.of()); // erin is known: Keycloak has seen her
        new PolicyServiceClient(settings(service.url(), vpnKey)).registerPassword("erin", "vpn", "Lantern-Orchard-77");
        Answers.PasswordVerdict reused = client.checkPassword("erin", "keycloak", "Lantern-Orchard-77", List.of(),
                List.of(), null);
        assertThat(reused.blocked()).isTrue();
        assertThat(reused.findings()).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo("REUSED");
            assertThat(f.services()).containsExactly("vpn");
        });
        assertThat(client.checkPassword("erin", "keycloak", "qwertyuiop", List.of(), List.of(), null)
                .findings()).extracting(Answers.Finding::type).contains("BREACHED");
        client.registerPassword("erin", "keycloak", "Quiet-Meadow-Stream-9");
        assertThatThrownBy(() -> client.registerPassword("erin", "vpn", "x"))
                .isInstanceOfSatisfying(PolicyServiceRejection.class, r -> assertThat(r.status()).isEqualTo(403));

        client.sendEvents(List.of(Map.of("time", "2026-11-25T08:00:00Z", "type", "LOGIN", "subject", "erin",
                "outcome", "success", "ip", "192.0.2.7", "details", Map.of("client", "account-console"))));
        String audit = service.call("GET", "/api/v1/audit/events?subject=erin&format=jsonl",
                PolicyServiceProcess.ADMIN_TOKEN, null).body();
        assertThat(audit).contains("\"LOGIN\"").contains("credentials.registered");
        assertThat(service.log()).doesNotContain("Lantern-Orchard-77").doesNotContain("Quiet-Meadow");
    }

    @Test
    void aWrongKeyIsARejectionNotAnOutage() {
        PolicyServiceClient wrong = new PolicyServiceClient(settings(service.url(), "pcs_" + "B".repeat(43)));
        assertThatThrownBy(() -> wrong.decide("erin", List.of(), List.of(), null, List.of()))
                .isInstanceOfSatisfying(PolicyServiceRejection.class, r -> assertThat(r.status()).isEqualTo(401));
    }

    @Test
    void aServiceThatIsDownFailsFast() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        PolicyServiceClient down = new PolicyServiceClient(settings("http://127.0.0.1:" + port, "pcs_x"));
        long started = System.nanoTime();
        assertThatThrownBy(() -> down.decide("erin", List.of(), List.of(), null, List.of()))
                .isInstanceOf(PolicyServiceException.class).hasMessageContaining("did not answer");
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_000);
    }

    @Test
    void aServiceThatAcceptsButNeverAnswersIsCutOffAtTheRequestTimeout() throws Exception {
        try (ServerSocket stuck = new ServerSocket(0)) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(stuck.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.start();
            PolicyServiceClient slow = new PolicyServiceClient(PolicyServiceSettings.from(new MapScope(Map.of(
                    "url", "http://127.0.0.1:" + stuck.getLocalPort(), "api-key", "pcs_x",
                    "request-timeout-ms", "800")), Map.of()));
            long started = System.nanoTime();
            assertThatThrownBy(() -> slow.checkPassword("erin", "keycloak", "Secret-Orchard-5", List.of(), List.of(),
                    null)).isInstanceOf(PolicyServiceException.class)
                    .hasMessageNotContaining("Secret-Orchard-5").hasMessageNotContaining("pcs_x");
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(millis).isBetween(700L, 2_000L);
        }
    }
}
