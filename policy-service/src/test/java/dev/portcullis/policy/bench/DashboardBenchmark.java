package dev.portcullis.policy.bench;

import dev.portcullis.policy.console.Compliance;
import dev.portcullis.policy.console.EnrolmentChart;
import dev.portcullis.policy.console.KnownSubjects;
import dev.portcullis.policy.console.PolicyPreview;
import dev.portcullis.policy.policies.Level;
import dev.portcullis.policy.policies.Method;
import dev.portcullis.policy.policies.NamedPolicy;
import dev.portcullis.policy.policies.PolicyDocument;
import dev.portcullis.policy.subjects.SubjectFacts;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What the console computes per page view from the known subjects: the dashboard (coverage per
 * group, deadlines, the 30-day chart) and a policy preview, for a company of 1,000 to 50,000
 * people in 40 groups under 12 policies. Prints the median and p90 per view. Run with
 * {@code mvn -B -pl policy-service -am verify -Pbench -Dit.test=DashboardBenchmark}.
 */
class DashboardBenchmark {

    static final int RUNS = Integer.getInteger("bench.dashboard.runs", 30);
    static final Instant NOW = Instant.now();

    @Test
    void dashboardAndPreviewPerPageView() {
        List<NamedPolicy> policies = policies();
        System.out.printf("%nConsole page computations, %d runs each after warm-up (12 policies, 40 groups)%n", RUNS);
        for (int people : new int[] {1_000, 10_000, 50_000}) {
            List<KnownSubjects.Known> subjects = subjects(people);
            long[] dashboard = time(() -> EnrolmentChart.svg(Compliance.of(subjects, policies, NOW).enrolledByDay(), java.util.Locale.ENGLISH, "TOTP enrolments"));
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
        java.util.Arrays.sort(micros);
        return micros;
    }

    static List<KnownSubjects.Known> subjects(int count) {
        Random random = new Random(7);
        List<KnownSubjects.Known> subjects = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instant firstSeen = NOW.minus(random.nextInt(90), ChronoUnit.DAYS);
            Instant enrolled = random.nextInt(3) == 0 ? null : firstSeen.plus(random.nextInt(5), ChronoUnit.DAYS);
            List<String> groups = List.of("/team-" + random.nextInt(40), "/site-" + random.nextInt(4));
            subjects.add(new KnownSubjects.Known("person-" + i, firstSeen, enrolled, null,
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
