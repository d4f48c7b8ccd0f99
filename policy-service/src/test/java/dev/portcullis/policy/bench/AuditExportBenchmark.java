package dev.portcullis.policy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.policy.support.ServiceProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Exports a million events as CSV from PostgreSQL through the packaged service and prints events per
 * second and the service's heap growth while it streams (sampled from its own metrics).
 * Run with {@code mvn -B -pl policy-service -am verify -Pbench -Dit.test=AuditExportBenchmark}.
 */
class AuditExportBenchmark {

    static final String ADMIN = BenchEnvironment.ADMIN;
    static final int EVENTS = Integer.getInteger("bench.events", 1_000_000);
    static final String HEAP_LIMIT = System.getProperty("bench.heap", "128m");
    static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{area=\"heap\"[^}]*} ([0-9.E+]+)$",
            Pattern.MULTILINE);

    @Test
    void exportAMillionEventsAsCsv() throws Exception {
        // A small heap: the export must stream, not collect.
        try (BenchEnvironment environment = BenchEnvironment.start(Map.of("JAVA_TOOL_OPTIONS", "-Xmx" + HEAP_LIMIT))) {
            ServiceProcess service = environment.service;
            EmbeddedPostgres postgres = environment.postgres;
            try (Connection db = postgres.getPostgresDatabase().getConnection(); Statement sql = db.createStatement()) {
                // Synthetic events written straight into the table (the API would take minutes); their hashes
                // are placeholders, which the export does not check.
                sql.executeUpdate("INSERT INTO audit_event (id, occurred_at, recorded_at, actor, event_type, subject,"
                        + " outcome, ip, details, prev_hash, hash, chain_version) SELECT g,"
                        + " now() - (g || ' seconds')::interval, now(),"
                        + " 'service:keycloak', CASE WHEN g % 7 = 0 THEN 'LOGIN_ERROR' ELSE 'LOGIN' END,"
                        + " 'user' || (g % 5000), CASE WHEN g % 7 = 0 THEN 'failure' ELSE 'success' END,"
                        + " '192.0.2.' || (g % 250), '{\"client\":\"account-console\",\"name\":\"山田, \\\"太郎\\\"\"}',"
                        + " md5(g::text) || md5((g+1)::text), md5(g::text) || md5(g::text), 2"
                        + " FROM generate_series(1, " + EVENTS + ") g");
                sql.executeUpdate("UPDATE audit_head SET last_id = " + EVENTS);
                sql.execute("ANALYZE audit_event");
            }
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            System.out.printf("%nPortcullis audit export benchmark: PostgreSQL (embedded), %d cores, service heap"
                    + " limited to %s%n", Runtime.getRuntime().availableProcessors(), HEAP_LIMIT);
            System.out.println("CSV export, cold JVM: " + export(http, service.baseUrl()));
            System.out.println("CSV export, warm:     " + export(http, service.baseUrl()) + "\n");
        }
    }

    /** Streams one full CSV export, counting its lines, and describes speed and heap growth. */
    static String export(HttpClient http, String base) throws Exception {
        long baseline = heapUsed(http, base);
        AtomicLong peak = new AtomicLong(baseline);
        AtomicBoolean exporting = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (exporting.get()) {
                try {
                    peak.accumulateAndGet(heapUsed(http, base), Math::max);
                    Thread.sleep(50);
                } catch (Exception e) {
                    return;
                }
            }
        });
        sampler.start();
        long started = System.nanoTime();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(
                URI.create(base + "/api/v1/audit/events?format=csv"))
                .header("Authorization", "Bearer " + ADMIN).build(), HttpResponse.BodyHandlers.ofInputStream());
        long bytes = 0;
        long lines = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream body = response.body()) {
            for (int n; (n = body.read(buffer)) > 0; ) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        exporting.set(false);
        sampler.join();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(lines).isEqualTo(EVENTS + 1L);
        return String.format("%d events (%.0f MiB) in %.2f s = %.0f events/s; service heap %.0f MiB before,"
                + " peak %.0f MiB during: growth %.0f MiB", EVENTS, bytes / 1048576.0, seconds, EVENTS / seconds,
                baseline / 1048576.0, peak.get() / 1048576.0, (peak.get() - baseline) / 1048576.0);
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
}
