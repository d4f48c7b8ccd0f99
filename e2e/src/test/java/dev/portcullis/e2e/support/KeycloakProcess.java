package dev.portcullis.e2e.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real Keycloak distribution (unpacked from Maven by the build) with the built provider jar in
 * {@code providers/}, started with {@code kc.sh start-dev} on free ports, importing the given realm.
 * Its dev database is wiped first, so every test class starts from the realm file.
 */
public final class KeycloakProcess implements AutoCloseable {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final int port;
    private final Path log;

    private KeycloakProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static KeycloakProcess start(Map<String, Object> realm, Map<String, String> environment, Path logDir)
            throws IOException, InterruptedException {
        return start(java.util.List.of(realm), environment, logDir);
    }

    /** Several realms, each imported from its own file. */
    public static KeycloakProcess start(java.util.List<Map<String, Object>> realms, Map<String, String> environment,
            Path logDir) throws IOException, InterruptedException {
        return start(realms, environment, logDir, freePort());
    }

    /** On a port chosen beforehand, for a client that must know Keycloak's URL before it starts. */
    public static KeycloakProcess start(java.util.List<Map<String, Object>> realms, Map<String, String> environment,
            Path logDir, int port) throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("portcullis.keycloak.home", "target/keycloak-dist/keycloak"));
        Path jar = Path.of(System.getProperty("portcullis.provider.jar", "target/provider/portcullis-keycloak-extension.jar"));
        if (!Files.isDirectory(home) || !Files.exists(jar)) {
            throw new IllegalStateException("run through 'mvn verify': it unpacks Keycloak into " + home
                    + " and builds " + jar);
        }
        deleteTree(home.resolve("data"));
        Files.createDirectories(home.resolve("data/import"));
        for (Map<String, Object> realm : realms) {
            new ObjectMapper().writeValue(home.resolve("data/import/" + realm.get("realm") + ".json").toFile(), realm);
        }
        Files.copy(jar, home.resolve("providers/portcullis-keycloak-extension.jar"), StandardCopyOption.REPLACE_EXISTING);
        Files.createDirectories(logDir);
        Path log = logDir.resolve("keycloak.log");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + freePort(),
                "--import-realm")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("PORTCULLIS_") || k.startsWith("KC_"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().putAll(environment);
        KeycloakProcess keycloak = new KeycloakProcess(builder.start(), port, log);
        for (Map<String, Object> realm : realms) {
            keycloak.awaitRealm((String) realm.get("realm"), Duration.ofSeconds(180));
        }
        return keycloak;
    }

    private void awaitRealm(String realm, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited: " + Files.readString(log));
            }
            try {
                if (get("/realms/" + realm + "/.well-known/openid-configuration").statusCode() == 200) {
                    return;
                }
            } catch (IOException starting) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Keycloak did not serve realm " + realm + " in time: " + Files.readString(log));
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The password grant of {@code admin-cli}, which every realm has: a login without the browser flow. */
    public HttpResponse<String> passwordGrant(String realm, String username, String password)
            throws IOException, InterruptedException {
        return token(realm, Map.of("grant_type", "password", "client_id", "admin-cli", "username", username,
                "password", password));
    }

    /** The password grant of a confidential client: a person's full access token, realm roles included. */
    public HttpResponse<String> passwordGrant(String realm, String clientId, String clientSecret, String username,
            String password) throws IOException, InterruptedException {
        return token(realm, Map.of("grant_type", "password", "client_id", clientId, "client_secret", clientSecret,
                "username", username, "password", password));
    }

    /** Exchanges an authorization code for tokens, as the public client would. */
    public HttpResponse<String> exchangeCode(String realm, String clientId, String redirectUri, String code)
            throws IOException, InterruptedException {
        return token(realm, Map.of("grant_type", "authorization_code", "client_id", clientId, "redirect_uri",
                redirectUri, "code", code));
    }

    /** Any request to the realm's token endpoint, as a form. */
    public HttpResponse<String> token(String realm, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(java.util.stream.Collectors.joining("&"));
        return HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/realms/" + realm + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
