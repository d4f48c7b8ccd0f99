package dev.portcullis.e2e.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.e2e.support.Browser;
import dev.portcullis.e2e.support.KeycloakProcess;
import dev.portcullis.e2e.support.PolicyServiceProcess;
import dev.portcullis.e2e.support.Processes;
import dev.portcullis.e2e.support.Totp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Keycloak nodes as production runs them ({@code kc.sh start}, one PostgreSQL, Keycloak's
 * distributed caches, each node with its own connection to the policy service): a login whose password
 * step is answered by one node and whose code by the other goes through, in both directions. So the
 * extension keeps nothing on a node that a login depends on.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    @TempDir
    static Path temp;

    static EmbeddedPostgres postgres;
    static PolicyServiceProcess service;
    static String key;
    static KeycloakProcess first;
    static KeycloakProcess second;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        KeycloakProcess.Database database = new KeycloakProcess.Database(postgres.getJdbcUrl("postgres", "postgres"),
                "postgres", "postgres");
        service = PolicyServiceProcess.start(temp.resolve("policy"));
        key = MfaLoginIT.keycloakKeyAndPolicy(service);
        Map<String, String> connection = Map.of("KC_SPI_PORTCULLIS__DEFAULT__URL", service.url(),
                "KC_SPI_PORTCULLIS__DEFAULT__API_KEY", key);
        Map<String, Object> realm = new java.util.HashMap<>(MfaLoginIT.realm());
        realm.put("eventsEnabled", true);
        realm.put("eventsListeners", List.of("jboss-logging",
                dev.portcullis.keycloak.events.PortcullisEventListenerFactory.ID));
        first = KeycloakProcess.startClusterNode(temp.resolve("node-1"), database, List.of(realm),
                "employees", connection, temp.resolve("node-1-log"));
        second = KeycloakProcess.startClusterNode(temp.resolve("node-2"), database, List.of(), "employees",
                connection, temp.resolve("node-2-log"));
        first.awaitClusterOf(2, Duration.ofSeconds(90));
        second.awaitClusterOf(2, Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() throws Exception {
        Processes.stopAll(second, first, service);
        if (postgres != null) {
            postgres.close();
        }
    }

    /** The password to {@code passwordNode}, the code to {@code codeNode}, in one browser (one set of cookies). */
    static Browser.Page login(String person, KeycloakProcess passwordNode, KeycloakProcess codeNode, String code)
            throws Exception {
        Browser browser = new Browser(MfaLoginIT.CALLBACK);
        Browser.Page page = browser.get(passwordNode.url() + "/realms/employees/protocol/openid-connect/auth"
                + "?client_id=portcullis-test&response_type=code&scope=openid&redirect_uri=" + MfaLoginIT.CALLBACK);
        Browser.Page ask = browser.post(page.formAction("kc-form-login"), Map.of("username", person,
                "password", MfaLoginIT.PASSWORD));
        assertThat(ask.shows("portcullis-code.ftl")).as(ask.body()).isTrue();
        String action = ask.formAction("portcullis-code-form");
        assertThat(action).startsWith(passwordNode.url());
        return browser.post(codeNode.url() + action.substring(passwordNode.url().length()), Map.of("code", code));
    }

    @Test
    void thePasswordOnOneNodeAndTheCodeOnTheOtherMakeOneLogin() throws Exception {
        PolicyServiceProcess.Enrolled amy = service.enrol(key, "amy", "/engineering");
        Browser.Page done = login("amy", first, second, Totp.code(amy.secret(), amy.step() + 1));
        assertThat(done.redirectedToClient()).as(done.body()).isTrue();
        var tokens = second.exchangeCode("employees", "portcullis-test", MfaLoginIT.CALLBACK, done.code());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.body()).contains("\"id_token\"");

        PolicyServiceProcess.Enrolled ann = service.enrol(key, "ann", "/engineering");
        Browser.Page back = login("ann", second, first, Totp.code(ann.secret(), ann.step() + 1));
        assertThat(back.redirectedToClient()).as(back.body()).isTrue();
    }

    /** A wrong code on the other node is still a wrong code there, and the login goes on from where it was. */
    @Test
    void aWrongCodeOnTheOtherNodeIsRefusedThereAndTheLoginStaysWhereItWas() throws Exception {
        PolicyServiceProcess.Enrolled abe = service.enrol(key, "abe", "/engineering");
        long now = Totp.step(java.time.Instant.now().getEpochSecond());
        Browser.Page refused = login("abe", first, second, Totp.code(abe.secret(), now + 7));
        assertThat(refused.redirectedToClient()).isFalse();
        assertThat(refused.text()).contains("That code is not right");
        assertThat(refused.shows("portcullis-code.ftl")).isTrue();
    }

    /**
     * Last, since it kills a node: the policy service is away while people fail their logins on the
     * first node, which is then killed (SIGKILL). The events wait in the shared database; whichever
     * node held them, the second delivers them once the first's hold runs out (60 s), each exactly once.
     */
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void theEventsOfANodeKilledDuringAnOutageAreDeliveredByTheOtherNode() throws Exception {
        int port = service.port();
        service.close();
        for (int i = 0; i < 40; i++) {
            assertThat(first.passwordGrant("employees", "gone-" + i, "wrong").statusCode()).isEqualTo(401);
        }
        Thread.sleep(3_000); // the first node holds what it journaled, retrying
        first.kill();
        service = PolicyServiceProcess.start(temp.resolve("policy"), port);
        long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        List<String> gone = List.of();
        while (System.nanoTime() < deadline) {
            gone = service.call("GET", "/api/v1/audit/events?format=jsonl&type=LOGIN_ERROR",
                    PolicyServiceProcess.ADMIN_TOKEN, null).body().lines()
                    .filter(line -> line.contains("\"subject\":\"gone-")).toList();
            if (gone.size() >= 40) {
                break;
            }
            Thread.sleep(1_000);
        }
        Thread.sleep(3_000);
        gone = service.call("GET", "/api/v1/audit/events?format=jsonl&type=LOGIN_ERROR",
                PolicyServiceProcess.ADMIN_TOKEN, null).body().lines()
                .filter(line -> line.contains("\"subject\":\"gone-")).toList();
        assertThat(gone).as("each failed login on the dead node, once").hasSize(40);
        assertThat(service.call("GET", "/api/v1/audit/verify", PolicyServiceProcess.ADMIN_TOKEN, null).body())
                .contains("\"valid\":true");
    }
}
