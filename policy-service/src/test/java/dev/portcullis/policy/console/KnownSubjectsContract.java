package dev.portcullis.policy.console;

import static dev.portcullis.policy.support.Api.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.policy.persistence.Database;
import dev.portcullis.policy.policies.NamedPolicy;
import dev.portcullis.policy.subjects.SubjectFacts;
import dev.portcullis.policy.subjects.SubjectState;
import dev.portcullis.policy.support.Api;
import dev.portcullis.policy.support.People;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's figures and the policy preview, read from the database a few subjects at a time
 * (pages of {@link #PAGE}), are exactly those of every subject read at once: across page boundaries,
 * for people in groups of two policies, and for people with no facts at all. The policies are given
 * here, so the people other tests left in the database count under them too: what the planted people
 * add is checked as the difference from before they came, at the same instant.
 */
abstract class KnownSubjectsContract {

    static final int PAGE = 3;

    @Inject
    Database database;

    Instant now;
    String alpha;
    String beta;
    List<NamedPolicy> policies;
    KnownSubjects paged;
    KnownSubjects whole;

    @BeforeEach
    void setUp() {
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        alpha = uniqueName("alpha");
        beta = uniqueName("beta");
        // everyone 7 days' grace; alpha none; beta 30 days, so the baseline's 7 decide for beta alone
        policies = List.of(ComplianceTest.policy("baseline", List.of(), 7),
                ComplianceTest.policy("p-" + alpha, List.of(alpha), 0),
                ComplianceTest.policy("p-" + beta, List.of("/" + beta), 30));
        paged = new KnownSubjects(database, PAGE);
        whole = new KnownSubjects(database, Integer.MAX_VALUE);
    }

    @Test
    void dashboardFiguresAreExactAcrossPagesAndEqualAReadOfEveryone() {
        Compliance before = read(k -> Compliance.of(k, policies, now));
        String tag = uniqueName("k");
        plant(tag, 4, 40, null, facts(false, false, "/" + alpha)); // past alpha's deadline (no grace)
        plant(tag, 3, 2, null, facts(false, false, "/" + alpha, "/" + beta)); // alpha's deadline decides: past
        plant(tag, 2, 2, now.minus(1, ChronoUnit.DAYS), facts(false, false, "/" + alpha, "/" + beta)); // TOTP
        plant(tag, 3, 2, null, facts(false, false, "/" + beta, "/zz-" + tag)); // the baseline's 7 days: 5 left
        plant(tag, 2, 2, null, facts(true, false, "/" + beta)); // a security key
        plant(tag, 1, 2, null, facts(false, true)); // a passkey, no group
        plant(tag, 5, 3, null, null); // never seen in a login: the baseline, 4 days left
        plant(tag, 2, 20, null, null); // the same, 13 days past
        plant(tag, 1, 60, now.minus(45, ChronoUnit.DAYS), null); // enrolled before the chart's 30 days

        Compliance after = read(k -> Compliance.of(k, policies, now));
        Compliance everyone = Compliance.of(everyone(), policies, now);
        Compliance oneByOne = read(new KnownSubjects(database, 1), k -> Compliance.of(k, policies, now));
        assertThat(after).isEqualTo(everyone).isEqualTo(oneByOne);

        assertThat(after.overall().total() - before.overall().total()).isEqualTo(23);
        assertThat(after.overall().enrolled() - before.overall().enrolled()).isEqualTo(6); // 2 TOTP, 1, 2 keys, 1
        assertThat(delta(before.byMethod(), after.byMethod())).containsExactly(3L, 2L, 1L, 17L);
        assertThat(after.byMethod()).allSatisfy(m -> assertThat(m.total()).isEqualTo(after.overall().total()));
        assertThat(after.overdueTotal() - before.overdueTotal()).isEqualTo(4 + 3 + 2);
        assertThat(after.dueSoonTotal() - before.dueSoonTotal()).isEqualTo(3 + 5);
        assertThat(after.overdue()).hasSize((int) Math.min(Compliance.LISTED, after.overdueTotal()));
        assertThat(after.overdue()).isSortedAccordingTo(java.util.Comparator.comparing(Compliance.Due::enrolBy));
        assertThat(after.dueSoon()).hasSize((int) Math.min(Compliance.LISTED, after.dueSoonTotal()));

        Map<String, Compliance.Coverage> groups = new java.util.HashMap<>();
        after.byGroup().forEach(g -> groups.put(g.name(), g));
        // someone in both policies' groups counts in each group, and once overall
        assertThat(groups.get("/" + alpha)).isEqualTo(new Compliance.Coverage("/" + alpha, 2, 9));
        assertThat(groups.get("/" + beta)).isEqualTo(new Compliance.Coverage("/" + beta, 4, 10));

        long[] chartBefore = before.enrolledByDay().stream().mapToLong(Compliance.DayCount::enrolled).toArray();
        long[] chartAfter = after.enrolledByDay().stream().mapToLong(Compliance.DayCount::enrolled).toArray();
        assertThat(chartAfter).hasSize(30);
        for (int day = 0; day < 30; day++) {
            // one enrolled 45 days ago counts on every day; two yesterday from yesterday on
            assertThat(chartAfter[day] - chartBefore[day]).as("day " + day).isEqualTo(day >= 28 ? 3 : 1);
        }
    }

    @Test
    void policyPreviewCountsAreExactAcrossPages() {
        PolicyPreview before = read(k -> PolicyPreview.of(k, policies, "p-" + beta,
                ComplianceTest.policy("x", List.of("/" + beta), 0).document(), now));
        String tag = uniqueName("k");
        plant(tag, 3, 2, null, facts(false, false, "/" + alpha, "/" + beta)); // alpha's deadline already decides
        plant(tag, 2, 2, now.minus(1, ChronoUnit.DAYS), facts(false, false, "/" + alpha, "/" + beta));
        plant(tag, 4, 2, null, facts(false, false, "/" + beta)); // 5 days left, then none: must enrol now
        plant(tag, 2, 2, null, facts(true, false, "/" + beta)); // another deadline, but a key already
        plant(tag, 3, 2, null, null);
        plant(tag, 2, 2, null, facts(false, false, "/" + alpha));

        PolicyPreview after = read(k -> PolicyPreview.of(k, policies, "p-" + beta,
                ComplianceTest.policy("x", List.of("/" + beta), 0).document(), now));
        PolicyPreview everyone = PolicyPreview.of(everyone(), policies, "p-" + beta,
                ComplianceTest.policy("x", List.of("/" + beta), 0).document(), now);
        assertThat(after).isEqualTo(everyone);
        assertThat(after.known() - before.known()).isEqualTo(16);
        // only the planted people are in beta: these counts are theirs alone
        assertThat(after.appliesTo()).isEqualTo(3 + 2 + 4 + 2);
        assertThat(after.changed()).isEqualTo(4 + 2);
        assertThat(after.mustEnrolNow()).isEqualTo(4);

        PolicyPreview deletion = read(k -> PolicyPreview.of(k, policies, "p-" + alpha, null, now));
        assertThat(deletion.appliesTo()).isEqualTo(3 + 2 + 2);
        assertThat(deletion.changed()).as("alpha's people fall back to 7 days' grace").isEqualTo(3 + 2 + 2);
        assertThat(deletion.mustEnrolNow()).isZero();
    }

    /** The page lists the 100 earliest deadlines and says of how many; the groups, what it leaves out. */
    @Test
    void theDashboardListsAHundredAndSaysHowManyItLeavesOut() {
        String late = uniqueName("late");
        String policy = uniqueName("p");
        Api.admin().body(PolicyDocuments.requiring(List.of(late), 0)).put("/api/v1/admin/policies/" + policy)
                .then().statusCode(201);
        try {
            String tag = uniqueName("k");
            plant(tag, Compliance.LISTED + 1, 30, null, facts(false, false, "/" + late));
            List<String> madeUp = new ArrayList<>();
            for (int i = 0; i <= Compliance.LISTED; i++) {
                madeUp.add("/" + tag + "-" + i);
            }
            plant(tag, 1, 0, now, facts(false, false, madeUp.toArray(String[]::new)));

            String page = People.as(People.auditor()).get("/console").then().statusCode(200).extract().asString();
            Matcher total = Pattern.compile("id=\"overdue-count\">(\\d+)<").matcher(page);
            assertThat(total.find()).as(page).isTrue();
            long overdue = Long.parseLong(total.group(1));
            assertThat(overdue).isGreaterThan(Compliance.LISTED);
            assertThat(page).contains("The 100 earliest deadlines of " + overdue + ".")
                    .contains("<tr><td>/" + late + "</td><td>0 / 101</td>").contains("id=\"groups-more\"");
            String table = page.substring(page.indexOf("id=\"overdue-table\""));
            table = table.substring(0, table.indexOf("</table>"));
            assertThat(table.split("<tr><td><a ", -1)).hasSize(Compliance.LISTED + 1);
        } finally {
            Api.admin().delete("/api/v1/admin/policies/" + policy).then().statusCode(204);
        }
    }

    /** The figures read a page of {@link #PAGE} at a time. */
    <T> T read(Function<KnownSubjects, T> figures) {
        return read(paged, figures);
    }

    static <T> T read(KnownSubjects known, Function<KnownSubjects, T> figures) {
        return QuarkusTransaction.requiringNew().call(() -> figures.apply(known));
    }

    /** Every subject at once, as the console read them before it read them in pages. */
    List<KnownSubjects.Known> everyone() {
        return read(whole, k -> {
            List<KnownSubjects.Known> all = new ArrayList<>();
            k.forEach(all::add);
            return all;
        });
    }

    static SubjectFacts facts(boolean key, boolean passkey, String... groups) {
        return new SubjectFacts(List.of(groups), List.of("employee"), "account-console", key, passkey);
    }

    /** {@code count} people first seen {@code daysAgo}, straight into the table. */
    void plant(String tag, int count, int daysAgo, Instant totpEnrolled, SubjectFacts facts) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < count; i++) {
                SubjectState state = SubjectState.unknown(uniqueName(tag), now.minus(daysAgo, ChronoUnit.DAYS));
                state.totpEnrolledAt = totpEnrolled;
                state.facts = facts == null ? null : facts.toJson();
                database.session().persist(state);
            }
        });
    }

    static List<Long> delta(List<Compliance.Coverage> before, List<Compliance.Coverage> after) {
        List<Long> delta = new ArrayList<>();
        for (int i = 0; i < after.size(); i++) {
            delta.add(after.get(i).enrolled() - before.get(i).enrolled());
        }
        return delta;
    }
}
