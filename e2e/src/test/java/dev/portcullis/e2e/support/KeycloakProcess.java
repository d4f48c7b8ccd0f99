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
    /** How it was started, for a restart on the same data. */
    private final Launch launch;

    private record Launch(Path home, java.util.List<String> arguments, Path logDir,
            java.util.List<Map<String, Object>> awaited) {
    }

    private KeycloakProcess(Process process, int port, Path log, Launch launch) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.launch = launch;
    }

    public static KeycloakProcess start(Map<String, Object> realm, Map<String, String> environment, Path logDir)
            throws IOException, InterruptedException {
        return start(java.util.List.of(realm), environment, logDir);
    }

    /** Several realms, each imported from its own file. */
    public static KeycloakProcess start(java.util.List<Map<String, Object>> realms, Map<String, String> environment,
            Path logDir) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            try {
                return start(realms, environment, logDir, port);
            } catch (IllegalStateException e) {
                if (attempt == 3 || !lostPort(e, port)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Whether Keycloak exited because another process took {@code port} between {@link #freePort} and its
     * bind (parallel tests on the same machine do): then another port is tried.
     */
    private static boolean lostPort(IllegalStateException e, int port) {
        return e.getMessage() != null && e.getMessage().contains("Port already bound: " + port + ":");
    }

    /** On a port chosen beforehand, for a client that must know Keycloak's URL before it starts. */
    public static KeycloakProcess start(java.util.List<Map<String, Object>> realms, Map<String, String> environment,
            Path logDir, int port) throws IOException, InterruptedException {
        return start(realms, environment, logDir, port, java.util.List.of());
    }

    /** With more options for {@code kc.sh start-dev}, e.g. the theme caches production has on. */
    public static KeycloakProcess start(java.util.List<Map<String, Object>> realms, Map<String, String> environment,
            Path logDir, int port, java.util.List<String> options) throws IOException, InterruptedException {
        Path home = distribution();
        for (int attempt = 1; ; attempt++) {
            deleteTree(home.resolve("data"));
            int management = freePort();
            java.util.List<String> arguments = new java.util.ArrayList<>(java.util.List.of("start-dev",
                    "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + management));
            arguments.addAll(options);
            try {
                return launch(home, arguments, realms, environment, logDir, port, realms);
            } catch (IllegalStateException e) {
                if (attempt == 3 || !lostPort(e, management)) {
                    throw e;
                }
            }
        }
    }

    /** Where Keycloak's database is, for nodes that share one. */
    public record Database(String url, String user, String password) {
    }

    /**
     * A node of a Keycloak cluster as production runs it: its own copy of the distribution under
     * {@code nodeHome}, {@code kc.sh start} on PostgreSQL with Keycloak's distributed caches, the nodes
     * finding each other through the database (jdbc-ping) on loopback. Realms are imported by the node
     * that is given them; it returns once the node serves {@code realm}.
     */
    public static KeycloakProcess startClusterNode(Path nodeHome, Database database,
            java.util.List<Map<String, Object>> imports, String realm, Map<String, String> environment, Path logDir)
            throws IOException, InterruptedException {
        Path home = copyOf(distribution(), nodeHome);
        int port = freePort();
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("start",
                "--http-enabled=true", "--hostname-strict=false", "--http-host=127.0.0.1", "--http-port=" + port,
                "--http-management-port=" + freePort(), "--db=postgres", "--db-url=" + database.url(),
                "--db-username=" + database.user(), "--db-password=" + database.password(), "--cache=ispn",
                "--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + clusterPort()));
        return launch(home, command, imports, environment, logDir, port,
                java.util.List.of(Map.of("realm", realm)));
    }

    /** Lines of the node's log that announce a cluster view with {@code members} members. */
    public void awaitClusterOf(int members, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        java.util.regex.Pattern view = java.util.regex.Pattern.compile("ISPN000094: Received new cluster view.*\\((\\d+)\\)");
        while (System.nanoTime() < deadline) {
            java.util.regex.Matcher seen = view.matcher(log());
            int largest = 0;
            while (seen.find()) {
                largest = Math.max(largest, Integer.parseInt(seen.group(1)));
            }
            if (largest >= members) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no cluster of " + members + " in time: " + log());
    }

    private static Path distribution() {
        Path home = Path.of(System.getProperty("portcullis.keycloak.home", "target/keycloak-dist/keycloak"));
        if (!Files.isDirectory(home) || !Files.exists(providerJar())) {
            throw new IllegalStateException("run through 'mvn verify': it unpacks Keycloak into " + home
                    + " and builds " + providerJar());
        }
        return home;
    }

    private static Path providerJar() {
        return Path.of(System.getProperty("portcullis.provider.jar", "target/provider/portcullis-keycloak-extension.jar"));
    }

    private static KeycloakProcess launch(Path home, java.util.List<String> arguments,
            java.util.List<Map<String, Object>> imports, Map<String, String> environment, Path logDir, int port,
            java.util.List<Map<String, Object>> awaited) throws IOException, InterruptedException {
        Files.createDirectories(home.resolve("data/import"));
        for (Map<String, Object> realm : imports) {
            new ObjectMapper().writeValue(home.resolve("data/import/" + realm.get("realm") + ".json").toFile(), realm);
        }
        Files.copy(providerJar(), home.resolve("providers/portcullis-keycloak-extension.jar"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.createDirectories(logDir);
        Path log = logDir.resolve("keycloak.log");
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(home.resolve("bin/kc.sh").toString());
        command.addAll(arguments);
        if (!imports.isEmpty()) {
            command.add("--import-realm");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("PORTCULLIS_") || k.startsWith("KC_"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().putAll(environment);
        KeycloakProcess keycloak = new KeycloakProcess(builder.start(), port, log,
                new Launch(home, arguments, logDir, awaited));
        for (Map<String, Object> realm : awaited) {
            keycloak.awaitRealm((String) realm.get("realm"), Duration.ofSeconds(240));
        }
        return keycloak;
    }

    /** A copy of the distribution (once per directory), so that nodes never share a build or a data directory. */
    private static Path copyOf(Path distribution, Path target) throws IOException {
        if (!Files.exists(target.resolve("bin/kc.sh"))) {
            try (Stream<Path> files = Files.walk(distribution)) {
                for (Path file : files.toList()) {
                    Path copy = target.resolve(distribution.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else if (!distribution.relativize(file).startsWith("data")) {
                        Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }
        return target;
    }

    /**
     * A free port for the cluster transport that leaves room for its failure detector, which listens
     * 50,000 above it.
     */
    private static int clusterPort() throws IOException {
        for (int port = 7800 + new java.util.Random().nextInt(2000); port < 15000; port++) {
            try (ServerSocket transport = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress());
                    ServerSocket detector = new ServerSocket(port + 50000, 1, java.net.InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // try the next
            }
        }
        throw new IOException("no free port pair for the cluster transport");
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

    /**
     * What a provider shows in the admin console's provider info ({@code getOperationalInfo()}), read
     * through the admin API as the bootstrap admin.
     */
    public Map<String, String> providerInfo(String spi, String provider) throws IOException, InterruptedException {
        HttpResponse<String> grant = passwordGrant("master", ADMIN, ADMIN_PASSWORD);
        String token = new ObjectMapper().readTree(grant.body()).path("access_token").asText();
        HttpResponse<String> info = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/admin/serverinfo"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        if (info.statusCode() != 200) {
            throw new IllegalStateException("server info: " + info.statusCode() + " " + info.body());
        }
        Map<String, String> shown = new java.util.TreeMap<>();
        new ObjectMapper().readTree(info.body()).path("providers").path(spi).path("providers").path(provider)
                .path("operationalInfo").properties().forEach(e -> shown.put(e.getKey(), e.getValue().asText()));
        return shown;
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

    /** Kills Keycloak as a crash or an OOM killer would: SIGKILL to its JVM, no shutdown hook runs. */
    public void kill() throws InterruptedException {
        java.util.List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        for (ProcessHandle child : children) {
            child.onExit().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
        }
    }

    /**
     * Starts Keycloak again on the same port and the same database (nothing imported, nothing wiped),
     * with {@code environment}: after {@link #kill()} or {@link #close()}. Its log is
     * {@code restarted-N/keycloak.log} beside the first.
     */
    public KeycloakProcess restart(Map<String, String> environment) throws IOException, InterruptedException {
        Path logDir = launch.logDir().resolve("restarted-" + System.nanoTime());
        return launch(launch.home(), launch.arguments(), java.util.List.of(), environment, logDir, port,
                launch.awaited());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
