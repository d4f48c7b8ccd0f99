package dev.portcullis.policy.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A closed-loop HTTP load generator: N threads over one keep-alive HTTP/1.1 client, each sending
 * its next request as soon as the previous one answers. Records every latency.
 */
final class LoadClient {

    record Result(String name, long requests, long failures, double seconds, long p50Micros, long p99Micros,
            long maxMicros) {

        double perSecond() {
            return requests / seconds;
        }

        @Override
        public String toString() {
            return String.format("%-24s %8d requests in %.1f s = %7.0f/s   p50 %6.2f ms   p99 %6.2f ms   max %6.1f ms"
                    + "   non-2xx %d", name, requests, seconds, perSecond(), p50Micros / 1000.0, p99Micros / 1000.0,
                    maxMicros / 1000.0, failures);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;
    private final String token;

    LoadClient(String base, String token) {
        this.base = base;
        this.token = token;
    }

    HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Runs {@code threads} loops for {@code duration}; {@code next} makes thread t's next request. */
    Result run(String name, int threads, Duration duration, IntFunction<Call> next) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<long[]> latencies = new ArrayList<>();
        AtomicLong failures = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        long started = System.nanoTime();
        List<Future<long[]>> loops = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            loops.add(pool.submit(() -> {
                long[] own = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    Call call = next.apply(thread);
                    long t0 = System.nanoTime();
                    HttpResponse<String> response = send(call.method(), call.path(), call.json());
                    long micros = (System.nanoTime() - t0) / 1000;
                    if (response.statusCode() >= 300) {
                        failures.incrementAndGet();
                    } else {
                        call.check(response.body());
                    }
                    if (n == own.length) {
                        own = Arrays.copyOf(own, n * 2);
                    }
                    own[n++] = micros;
                }
                return Arrays.copyOf(own, n);
            }));
        }
        for (Future<long[]> loop : loops) {
            latencies.add(loop.get());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(name, all.length, failures.get(), seconds, percentile(all, 0.50), percentile(all, 0.99),
                all.length == 0 ? 0 : all[all.length - 1]);
    }

    static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }

    /** One request of a load loop, and what to note of its answer. */
    interface Call {
        String method();

        String path();

        String json();

        default void check(String body) {
        }
    }

    record Post(String path, String json, java.util.function.Consumer<String> onBody) implements Call {
        Post(String path, String json) {
            this(path, json, body -> { });
        }

        @Override
        public String method() {
            return "POST";
        }

        @Override
        public void check(String body) {
            onBody.accept(body);
        }
    }
}
