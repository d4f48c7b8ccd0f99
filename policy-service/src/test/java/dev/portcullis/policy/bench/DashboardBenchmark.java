package dev.portcullis.policy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.policy.console.Compliance;
import dev.portcullis.policy.console.EnrolmentChart;
import dev.portcullis.policy.console.KnownSubjects;
import dev.portcullis.policy.console.PolicyPreview;
import dev.portcullis.policy.policies.Level;
import dev.portcullis.policy.policies.Method;
import dev.portcullis.policy.policies.NamedPolicy;
import dev.portcullis.policy.policies.PolicyDocument;
import dev.portcullis.policy.subjects.SubjectFacts;
import dev.portcullis.policy.support.People;
import dev.portcullis.policy.support.ServiceProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What a console page view costs. {@link #dashboardOfAHundredThousandPlantedPeople}: the packaged
 * service on PostgreSQL, with its heap capped as the Kubernetes deployment caps it, and 100,000 people
 * planted straight into the table, each with a long list of made-up groups (what a compromised service
 * could report); loads the dashboard and a policy preview over HTTP and prints p50, p95 and max, and
 * the heap the service used meanwhile. {@link #dashboardAndPreviewPerPageView}: the figures alone,
 * computed in this JVM from people held in memory. Run with
 * {@code mvn -B -pl policy-service -am verify -Pbench -Dit.test=DashboardBenchmark}.
 */
class DashboardBenchmark {

    static final int RUNS = Integer.getInteger("bench.dashboard.runs", 30);
    static final int PEOPLE = Integer.getInteger("bench.dashboard.people", 100_000);
    /**
     * Made-up groups per person, one run each: 84 of 43 characters fill the 3,800 characters a group
     * list may take (what the service keeps of a longer one).
     */
    static final int[] PLANTED_GROUPS = Arrays.stream(System.getProperty("bench.dashboard.groups", "0,20,84")
            .split(",")).mapToInt(Integer::parseInt).toArray();
    static final int VIEWS = Integer.getInteger("bench.dashboard.views", 20);
    /** deploy/k8s/policy-service: a 768 MiB limit, -XX:MaxRAMPercentage=60. */
    static final String HEAP_LIMIT = System.getProperty("bench.heap", "460m");
    static final Instant NOW = Instant.now();
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{area=\"heap\"[^}]*} ([0-9.E+]+)$",
            Pattern.MULTILINE);

    @Test
    void dashboardOfAHundredThousandPlantedPeople() throws Exception {
        Map<String, String> env = Map.of(
                "JAVA_TOOL_OPTIONS", "-Xmx" + HEAP_LIMIT + " -XX:+ExitOnOutOfMemoryError",
                // the console takes the test realm's signed bearer tokens, as in the tests (no Keycloak)
                "PORTCULLIS_CONSOLE_ISSUER", "http://127.0.0.1:9/realms/employees",
                "PORTCULLIS_CONSOLE_CLIENT_SECRET", "bench-console-secret",
                "QUARKUS_OIDC_AUTH_SERVER_URL", "",
                "QUARKUS_OIDC_APPLICATION_TYPE", "service",
                "QUARKUS_OIDC_TOKEN_ISSUER", People.ISSUER,
                "QUARKUS_OIDC_PUBLIC_KEY", testPublicKey());
        try (BenchEnvironment environment = BenchEnvironment.start(env)) {
            ServiceProcess service = environment.service;
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (NamedPolicy policy : policies()) {
                if (!policy.name().equals("baseline")) {
                    String document = "{\"appliesTo\":{\"groups\":" + JSON.writeValueAsString(
                            policy.document().appliesTo().groups()) + "},\"mfa\":{\"required\":true,\"methods\":"
                            + "[\"totp\",\"webauthn\"],\"enrolmentGraceDays\":"
                            + policy.document().mfa().enrolmentGraceDays() + "},\"passwords\":{\"reuse\":\"block\","
                            + "\"variantReuse\":\"warn\",\"breached\":\"block\",\"minLength\":8}}";
                    HttpResponse<String> saved = service.call("PUT", "/api/v1/admin/policies/" + policy.name(),
                            BenchEnvironment.ADMIN, document);
                    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
                }
            }
            System.out.printf("%nPortcullis console benchmark: PostgreSQL (embedded), %d cores, service heap"
                    + " limited to %s, %,d people, 12 policies%n", Runtime.getRuntime().availableProcessors(),
                    HEAP_LIMIT, PEOPLE);
            String auditor = People.token("dave", List.of("policy-auditor"));
            String admin = People.token("carol", List.of("policy-admin"));
            for (int groups : PLANTED_GROUPS) {
                long started = System.nanoTime();
                long bytes;
                try (Connection db = environment.postgres.getPostgresDatabase().getConnection();
                        Statement sql = db.createStatement()) {
                    sql.execute("TRUNCATE subject_state CASCADE");
                    plant(sql, groups);
                    sql.execute("VACUUM ANALYZE subject_state");
                    try (ResultSet size = sql.executeQuery("SELECT SUM(LENGTH(facts)) FROM subject_state")) {
                        size.next();
                        bytes = size.getLong(1);
                    }
                }
                System.out.printf("%d made-up groups each besides a team and a site: planted in %.1f s, facts %,.0f MiB"
                        + " (load average %s)%n", groups, (System.nanoTime() - started) / 1e9, bytes / 1048576.0,
                        loadAverage());
                System.out.println("  dashboard (/console):           " + views(http, service.baseUrl(), "/console",
                        auditor, " / " + PEOPLE + "</div>"));
                System.out.println("  policy preview (delete team-7): " + views(http, service.baseUrl(),
                        "/console/policies/team-7/delete", admin, "id=\"preview-applies\""));
            }
            System.out.println();
        }
    }

    /** People with a team, a site and {@link #PLANTED_GROUPS} made-up groups, written by PostgreSQL itself. */
    static void plant(Statement sql, int groups) throws Exception {
        int batch = 10_000;
        for (int from = 0; from < PEOPLE; from += batch) {
            sql.executeUpdate("INSERT INTO subject_state (subject, username, keycloak_id, first_seen_at,"
                    + " totp_enrolled_at, failed_attempts, consecutive_lockouts, facts) SELECT 'person-'"
                    + " || lpad(g::text, 7, '0'), 'person-' || lpad(g::text, 7, '0'), md5(g::text),"
                    + " now() - ((g % 90) || ' days')::interval,"
                    + " CASE WHEN g % 3 = 0 THEN NULL ELSE now() - ((g % 60) || ' days')::interval END, 0, 0,"
                    + " '{\"groups\":[' || (SELECT string_agg('\"' || n || '\"', ',' ORDER BY n) FROM ("
                    + "   SELECT '/team-' || (g % 40) AS n UNION ALL SELECT '/site-' || (g % 4)"
                    + "   UNION ALL SELECT '/planted-' || md5(g || '-' || i) FROM generate_series(1, "
                    + groups + ") i) names)"
                    + " || '],\"roles\":[\"employee\"],\"client\":\"account-console\",\"webauthn\":'"
                    + " || (g % 10 = 0) || ',\"passkey\":' || (g % 17 = 0) || '}'"
                    + " FROM generate_series(" + (from + 1) + ", " + Math.min(PEOPLE, from + batch) + ") g");
        }
    }

    /** {@link #VIEWS} page views after 3 unmeasured ones: latency and the service's heap meanwhile. */
    static String views(HttpClient http, String base, String path, String token, String expected) throws Exception {
        for (int i = 0; i < 3; i++) {
            view(http, base, path, token, expected);
        }
        long baseline = heapUsed(http, base);
        AtomicLong peak = new AtomicLong(baseline);
        AtomicBoolean viewing = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (viewing.get()) {
                try {
                    peak.accumulateAndGet(heapUsed(http, base), Math::max);
                    Thread.sleep(20);
                } catch (Exception e) {
                    return;
                }
            }
        });
        sampler.start();
        long[] millis = new long[VIEWS];
        try {
            for (int i = 0; i < VIEWS; i++) {
                long start = System.nanoTime();
                view(http, base, path, token, expected);
                millis[i] = (System.nanoTime() - start) / 1_000_000;
            }
        } finally {
            viewing.set(false);
            sampler.join();
        }
        Arrays.sort(millis);
        return String.format("%d views: p50 %d ms, p95 %d ms, max %d ms; heap used %.0f MiB before, peak %.0f MiB",
                VIEWS, LoadClient.percentile(millis, 0.50), LoadClient.percentile(millis, 0.95), millis[VIEWS - 1],
                baseline / 1048576.0, peak.get() / 1048576.0);
    }

    static void view(HttpClient http, String base, String path, String token, String expected) throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains(expected);
    }

    static long heapUsed(HttpClient http, String base) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = HEAP.matcher(metrics);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return (long) sum;
    }

    /** The machine's 1-minute load average: on a shared machine, what else ran. */
    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The public half of the test realm's key, as the test profile trusts it. */
    static String testPublicKey() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = DashboardBenchmark.class.getResourceAsStream("/application.properties")) {
            properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties.getProperty("%test.quarkus.oidc.public-key");
    }

    @Test
    void dashboardAndPreviewPerPageView() {
        List<NamedPolicy> policies = policies();
        System.out.printf("%nConsole page computations in memory, %d runs each after warm-up (12 policies, 40 groups)%n",
                RUNS);
        for (int people : new int[] {1_000, 10_000, 50_000}) {
            List<KnownSubjects.Known> subjects = subjects(people);
            long[] dashboard = time(() -> EnrolmentChart.svg(Compliance.of(subjects, policies, NOW).enrolledByDay(),
                    java.util.Locale.ENGLISH, "TOTP enrolments"));
            NamedPolicy edited = policy("team-7", List.of("team-7"), 0);
            long[] preview = time(() -> PolicyPreview.of(subjects, policies, edited.name(), edited.document(), NOW));
            System.out.printf("  %,7d people   dashboard median %7.1f ms  p90 %7.1f ms   preview median %7.1f ms"
                    + "  p90 %7.1f ms%n", people, LoadClient.percentile(dashboard, 0.5) / 1000.0,
                    LoadClient.percentile(dashboard, 0.9) / 1000.0, LoadClient.percentile(preview, 0.5) / 1000.0,
                    LoadClient.percentile(preview, 0.9) / 1000.0);
        }
    }

    private static long[] time(Runnable view) {
        for (int i = 0; i < 5; i++) {
            view.run();
        }
        long[] micros = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            view.run();
            micros[i] = (System.nanoTime() - start) / 1000;
        }
        Arrays.sort(micros);
        return micros;
    }

    static List<KnownSubjects.Known> subjects(int count) {
        Random random = new Random(7);
        List<KnownSubjects.Known> subjects = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instant firstSeen = NOW.minus(random.nextInt(90), ChronoUnit.DAYS);
            Instant enrolled = random.nextInt(3) == 0 ? null : firstSeen.plus(random.nextInt(5), ChronoUnit.DAYS);
            List<String> groups = List.of("/team-" + random.nextInt(40), "/site-" + random.nextInt(4));
            subjects.add(new KnownSubjects.Known("person-" + i, firstSeen, enrolled,
                    new SubjectFacts(groups, List.of("employee"), "account-console", random.nextInt(10) == 0)));
        }
        return subjects;
    }

    static List<NamedPolicy> policies() {
        List<NamedPolicy> policies = new ArrayList<>();
        policies.add(policy("baseline", List.of(), 7));
        for (int i = 0; i < 11; i++) {
            policies.add(policy("team-" + i, List.of("team-" + i), i % 3 == 0 ? 0 : 14));
        }
        return policies;
    }

    static NamedPolicy policy(String name, List<String> groups, int graceDays) {
        return new NamedPolicy(name, new PolicyDocument(new PolicyDocument.AppliesTo(groups, List.of(), List.of()),
                new PolicyDocument.Mfa(true, List.of(Method.TOTP, Method.WEBAUTHN), graceDays, null),
                new PolicyDocument.Passwords(Level.BLOCK, Level.WARN, Level.BLOCK, 8)));
    }
}
