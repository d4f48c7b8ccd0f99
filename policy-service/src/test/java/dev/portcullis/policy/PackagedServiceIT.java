package dev.portcullis.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.policy.support.ServiceProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged service as an operator runs it: first start, restart, shutdown, production guard. */
class PackagedServiceIT {

    static final String ADMIN_TOKEN = "it-admin-token-0123456789abcdef";
    static final Duration START = Duration.ofSeconds(90);
    static final String EVENT = "[{\"time\":\"2026-11-24T10:00:00Z\",\"type\":\"LOGIN\",\"subject\":\"alice\","
            + "\"outcome\":\"success\",\"details\":{}}]";

    @TempDir
    Path temp;

    @Test
    void dataSurvivesARestartAndTheChainStillVerifies() throws Exception {
        Path home = temp.resolve("home");
        Path log = temp.resolve("service.log");
        Map<String, String> env = Map.of("PORTCULLIS_HOME", home.toString(), "PORTCULLIS_ADMIN_TOKEN", ADMIN_TOKEN);
        String key;
        try (ServiceProcess first = ServiceProcess.start(log, env)) {
            assertThat(first.awaitReady(START)).as(first.output()).isTrue();
            assertThat(first.output()).contains("Generated a new master key");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("master.key"))))
                    .isEqualTo("rw-------");
            var created = first.call("POST", "/api/v1/admin/services", ADMIN_TOKEN,
                    "{\"name\":\"vpn\",\"scopes\":[\"events\"]}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            key = created.body().replaceAll(".*\"apiKey\":\"([^\"]+)\".*", "$1");
            assertThat(first.call("POST", "/api/v1/events", key, EVENT).statusCode()).isEqualTo(200);
            first.stop(Duration.ofSeconds(30));
            assertThat(first.output()).contains("stopped in");
        }
        byte[] masterKey = Files.readAllBytes(home.resolve("master.key"));

        try (ServiceProcess second = ServiceProcess.start(log, env)) {
            assertThat(second.awaitReady(START)).as(second.output()).isTrue();
            assertThat(Files.readAllBytes(home.resolve("master.key"))).isEqualTo(masterKey);
            assertThat(second.call("GET", "/api/v1/admin/services", ADMIN_TOKEN, null).body()).contains("\"vpn\"");
            assertThat(second.call("POST", "/api/v1/events", key, EVENT).statusCode()).isEqualTo(200);
            var verify = second.call("GET", "/api/v1/audit/verify", ADMIN_TOKEN, null);
            // three events, and the bootstrap token's three uses (each is audited)
            assertThat(verify.body()).contains("\"valid\":true").contains("\"checked\":6");
            second.stop(Duration.ofSeconds(30));
            assertThat(second.output()).containsOnlyOnce("Generated a new master key");
            assertThat(second.output()).doesNotContain(key).doesNotContain(ADMIN_TOKEN)
                    .doesNotContain(new String(masterKey, StandardCharsets.US_ASCII).trim());
        }
        assertNoFileContains(home.resolve("db"), key);
        assertNoFileContains(home.resolve("db"), ADMIN_TOKEN);

        var intact = ServiceProcess.command(env, "audit", "verify");
        assertThat(intact.exitCode()).as(intact.output()).isZero();
        assertThat(intact.output()).contains("OK: 6 events checked");

        String url = "jdbc:h2:file:" + home.resolve("db").resolve("portcullis").toAbsolutePath();
        try (var connection = java.sql.DriverManager.getConnection(url, "portcullis", "portcullis");
                var statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE audit_event SET subject = 'mallory' WHERE id = 2");
        }
        var broken = ServiceProcess.command(env, "audit", "verify");
        assertThat(broken.exitCode()).as(broken.output()).isEqualTo(1);
        assertThat(broken.output()).contains("BROKEN at event 2").contains("modified");
        assertThat(ServiceProcess.command(env, "audit", "verify", "--from", "yesterday").exitCode()).isEqualTo(2);
    }

    @Test
    void anImportedCorpusIsLoadedAtStartupAndBlocksItsPasswords() throws Exception {
        Path home = temp.resolve("corpus-home");
        Map<String, String> env = Map.of("PORTCULLIS_HOME", home.toString(), "PORTCULLIS_ADMIN_TOKEN", ADMIN_TOKEN);
        Path ranges = Files.createDirectories(temp.resolve("ranges"));
        for (String[] entry : new String[][] {{"Marmalade-Kettle-2026", "4"}, {"Tr0ub4dor&3", "129"}}) {
            String hash = java.util.HexFormat.of().withUpperCase().formatHex(java.security.MessageDigest
                    .getInstance("SHA-1").digest(entry[0].getBytes(StandardCharsets.UTF_8)));
            Files.writeString(ranges.resolve(hash.substring(0, 5) + ".txt"), hash.substring(5) + ":" + entry[1] + "\r\n");
        }

        var imported = ServiceProcess.command(env, "corpus", "import", ranges.toString());
        assertThat(imported.exitCode()).as(imported.output()).isZero();
        assertThat(imported.output()).contains("reading (1/4)").contains("writing (4/4) 100%")
                .contains("Imported 2 hashes (2 distinct)");
        assertThat(home.resolve("breached-passwords.pcb")).exists();
        Files.writeString(temp.resolve("bad.txt"), "not a hash\n");
        var bad = ServiceProcess.command(env, "corpus", "import", temp.resolve("bad.txt").toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.output()).contains("bad.txt, line 1");
        assertThat(ServiceProcess.command(env, "corpus", "import").exitCode()).isEqualTo(2);

        try (ServiceProcess service = ServiceProcess.start(temp.resolve("corpus.log"), env)) {
            assertThat(service.awaitReady(START)).as(service.output()).isTrue();
            assertThat(service.output()).contains("Breached-password corpus").contains("2 hashes");
            var created = service.call("POST", "/api/v1/admin/services", ADMIN_TOKEN,
                    "{\"name\":\"keycloak\",\"scopes\":[\"credentials\",\"idp\"]}");
            String key = created.body().replaceAll(".*\"apiKey\":\"([^\"]+)\".*", "$1");
            var breached = service.call("POST", "/api/v1/credentials/check", key,
                    "{\"subject\":\"alice\",\"service\":\"keycloak\",\"password\":\"Marmalade-Kettle-2026\"}");
            assertThat(breached.body()).contains("\"action\":\"BLOCK\"").contains("\"type\":\"BREACHED\"")
                    .contains("\"count\":4");
            var common = service.call("POST", "/api/v1/credentials/check", key,
                    "{\"subject\":\"alice\",\"service\":\"keycloak\",\"password\":\"password123\"}");
            assertThat(common.body()).contains("\"type\":\"BREACHED\"");
            assertThat(service.call("PUT", "/api/v1/credentials/alice/keycloak", key,
                    "{\"password\":\"Marmalade-Kettle-2026\"}").statusCode()).isEqualTo(204);
            service.stop(Duration.ofSeconds(30));
            assertThat(service.output()).doesNotContain("Marmalade");
        }
        assertNoFileContains(home.resolve("db"), "Marmalade-Kettle-2026");
    }

    @Test
    void withKeycloakUnreachableTheConsoleAndPersonTokensGetA503AndServiceKeysStillWork() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Map<String, String> env = Map.of("PORTCULLIS_HOME", temp.resolve("oidc").toString(),
                "PORTCULLIS_ADMIN_TOKEN", ADMIN_TOKEN,
                "PORTCULLIS_CONSOLE_ISSUER", "http://127.0.0.1:" + closed + "/realms/employees",
                "PORTCULLIS_CONSOLE_CLIENT_SECRET", "it-console-secret-0123456789abcdef0123");
        try (ServiceProcess service = ServiceProcess.start(temp.resolve("oidc.log"), env)) {
            assertThat(service.awaitReady(START)).as(service.output()).isTrue();
            var page = service.call("GET", "/console", null, null);
            assertThat(page.statusCode()).isEqualTo(503);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("text/html"));
            assertThat(page.body()).contains("Sign-in is unavailable");
            var japanese = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                    .newBuilder(java.net.URI.create(service.baseUrl() + "/console"))
                    .header("Accept-Language", "ja-JP,ja;q=0.9").build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(japanese.statusCode()).isEqualTo(503);
            assertThat(japanese.body()).contains("<html lang=\"ja\">").contains("サインインできません");
            String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjYXJvbCJ9.c2lnbmF0dXJl";
            var api = service.call("GET", "/api/v1/admin/policies", jwt, null);
            assertThat(api.statusCode()).isEqualTo(503);
            assertThat(api.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(api.body()).contains("\"status\":503").contains("cannot be reached");
            assertThat(service.call("GET", "/api/v1/admin/policies", ADMIN_TOKEN, null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void productionWithoutAMasterKeyRefusesToStartAndSaysWhatToSet() throws Exception {
        Map<String, String> env = Map.of("PORTCULLIS_HOME", temp.resolve("prod").toString(),
                "QUARKUS_PROFILE", "production", "PORTCULLIS_LOG_JSON", "true");
        try (ServiceProcess service = ServiceProcess.start(temp.resolve("prod.log"), env)) {
            assertThat(service.awaitExit(START)).isNotZero();
            assertThat(service.output()).contains("PORTCULLIS_MASTER_KEY is not set")
                    .contains("openssl rand -base64 32");
            assertThat(service.output().lines().filter(l -> l.startsWith("{")).findAny())
                    .as("JSON log lines").isPresent();
        }
        assertThat(temp.resolve("prod").resolve("master.key")).doesNotExist();
    }

    private static void assertNoFileContains(Path directory, String secret) throws IOException {
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(directory)) {
            List<Path> regular = files.filter(Files::isRegularFile).toList();
            assertThat(regular).isNotEmpty();
            for (Path file : regular) {
                assertThat(indexOf(Files.readAllBytes(file), needle)).as(file + " holds a secret").isEqualTo(-1);
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
