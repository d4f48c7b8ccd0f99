package dev.portcullis.e2e.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged policy service (built by the reactor before this module) running as a process on a
 * free port, with its own data directory and admin token, for tests of the extension against the
 * real service.
 */
public final class PolicyServiceProcess implements AutoCloseable {

    public static final String ADMIN_TOKEN = "extension-it-admin-token-0123456789";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final int port;
    private final Path log;

    private PolicyServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static PolicyServiceProcess start(Path home) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return start(home, port);
    }

    /** On a given port: a restart where its clients expect it. */
    public static PolicyServiceProcess start(Path home, int port) throws IOException, InterruptedException {
        return start(home, port, Map.of());
    }

    /** With more environment, e.g. the console's sign-in (PORTCULLIS_CONSOLE_*). */
    public static PolicyServiceProcess start(Path home, int port, Map<String, String> environment)
            throws IOException, InterruptedException {
        String jar = System.getProperty("portcullis.app.jar",
                "target/policy-service/quarkus-app/quarkus-run.jar");
        if (!Files.exists(Path.of(jar))) {
            throw new IllegalStateException(jar + " is missing: build the policy service first (mvn verify builds both)");
        }
        Files.createDirectories(home);
        Path log = home.resolve("service.log");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("PORTCULLIS_") || k.startsWith("QUARKUS_"));
        builder.environment().put("PORTCULLIS_HOME", home.toString());
        builder.environment().put("PORTCULLIS_ADMIN_TOKEN", ADMIN_TOKEN);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().putAll(environment);
        PolicyServiceProcess service = new PolicyServiceProcess(builder.start(), port, log);
        service.awaitReady(Duration.ofSeconds(90));
        return service;
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the policy service exited: " + Files.readString(log));
            }
            try {
                if (call("GET", "/q/health/ready", null, null).statusCode() == 200) {
                    return;
                }
            } catch (IOException starting) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the policy service did not become ready: " + Files.readString(log));
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Creates a service with the given scopes and returns its API key. */
    public String createService(String name, List<String> scopes) throws IOException, InterruptedException {
        String body = "{\"name\":\"" + name + "\",\"scopes\":[\"" + String.join("\",\"", scopes) + "\"]}";
        HttpResponse<String> created = call("POST", "/api/v1/admin/services", ADMIN_TOKEN, body);
        if (created.statusCode() != 201) {
            throw new IllegalStateException("creating " + name + ": " + created.body());
        }
        return created.body().replaceAll(".*\"apiKey\":\"([^\"]+)\".*", "$1");
    }

    /** A confirmed authenticator: its key, the time step its first code used, and the recovery codes. */
    public record Enrolled(String secret, long step, List<String> recoveryCodes) {
    }

    /**
     * Enrols {@code person}'s authenticator through {@code key} (a key with the enrol scope, as
     * Keycloak's), after a login decision for them in {@code group}, as the enrolment page would.
     */
    public Enrolled enrol(String key, String person, String group) throws IOException, InterruptedException {
        expect(call("POST", "/api/v1/decisions/login", key, "{\"subject\":\"" + person + "\",\"groups\":[\""
                + group + "\"]}"), 200);
        HttpResponse<String> start = call("POST", "/api/v1/subjects/" + person + "/totp/enrolment", key, null);
        if (start.statusCode() == 403) { // binding takes an access pass here: the bootstrap admin issues one
            expect(call("POST", "/api/v1/subjects/" + person + "/access-pass/verify", key,
                    "{\"pass\":\"" + issuePass(person) + "\"}"), 200);
            start = call("POST", "/api/v1/subjects/" + person + "/totp/enrolment", key, null);
        }
        String started = expect(start, 201);
        String secret = started.replaceAll(".*\"secret\":\"([^\"]+)\".*", "$1");
        long step = Totp.step(java.time.Instant.now().getEpochSecond());
        String confirmed = expect(call("POST", "/api/v1/subjects/" + person + "/totp/enrolment/confirm", key,
                "{\"code\":\"" + Totp.code(secret, step) + "\"}"), 200);
        List<String> codes = new java.util.ArrayList<>();
        java.util.regex.Matcher code = java.util.regex.Pattern.compile("\"([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})\"")
                .matcher(confirmed);
        while (code.find()) {
            codes.add(code.group(1));
        }
        return new Enrolled(secret, step, List.copyOf(codes));
    }

    /** An access pass for {@code person}, issued by the bootstrap admin token (which acts alone). */
    public String issuePass(String person) throws IOException, InterruptedException {
        String issued = expect(call("POST", "/api/v1/admin/subjects/" + person + "/access-passes", ADMIN_TOKEN, "{}"),
                201);
        return issued.replaceAll(".*\"pass\":\"([^\"]+)\".*", "$1");
    }

    /** The service's count of Argon2id evaluations ({@code portcullis_argon2id_evaluations_total} in /q/metrics). */
    public long argon2idEvaluations() throws IOException, InterruptedException {
        java.util.regex.Matcher total = java.util.regex.Pattern
                .compile("(?m)^portcullis_argon2id_evaluations_total(?:\\{[^}]*\\})? ([0-9.E+]+)")
                .matcher(call("GET", "/q/metrics", null, null).body());
        if (!total.find()) {
            throw new IllegalStateException("no portcullis_argon2id_evaluations_total in /q/metrics");
        }
        return (long) Double.parseDouble(total.group(1));
    }

    /**
     * The requests the service has answered at a path ending in {@code uriEnd} ({@code /totp/verify}), and
     * the seconds it spent on them in all, from its {@code http_server_requests_seconds} metrics.
     */
    public double[] requestSeconds(String uriEnd) throws IOException, InterruptedException {
        String metrics = call("GET", "/q/metrics", null, null).body();
        double[] countAndSum = new double[2];
        java.util.regex.Matcher line = java.util.regex.Pattern
                .compile("(?m)^http_server_requests_seconds_(count|sum)\\{[^}]*uri=\"[^\"]*" + java.util.regex.Pattern.quote(uriEnd)
                        + "\"[^}]*\\} ([0-9.E+-]+)")
                .matcher(metrics);
        while (line.find()) {
            countAndSum["count".equals(line.group(1)) ? 0 : 1] += Double.parseDouble(line.group(2));
        }
        return countAndSum;
    }

    /** The subject's audit events once at least {@code count} of {@code type} are there (forwarding is asynchronous). */
    public String awaitAudit(String subject, String type, int count) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        String audit = "";
        while (System.nanoTime() < deadline) {
            audit = call("GET", "/api/v1/audit/events?format=jsonl&subject=" + subject, ADMIN_TOKEN, null).body();
            if (audit.split("\"type\":\"" + type + "\"", -1).length - 1 >= count) {
                return audit;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no " + type + " event for " + subject + " in " + audit);
    }

    private static String expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    public HttpResponse<String> call(String method, String path, String token, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
