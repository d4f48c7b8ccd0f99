package dev.portcullis.policy.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.policy.policies.Level;
import dev.portcullis.policy.policies.Method;
import dev.portcullis.policy.policies.NamedPolicy;
import dev.portcullis.policy.policies.PolicyDocument;
import dev.portcullis.policy.subjects.StoredFacts;
import dev.portcullis.policy.subjects.SubjectFacts;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dashboard's figures and the policy preview, from known subjects and policies alone. */
class ComplianceTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    static KnownSubjects.Known person(String name, int daysAgoSeen, Instant enrolled, boolean webauthn,
            String... groups) {
        return new KnownSubjects.Known(name, NOW.minus(daysAgoSeen, ChronoUnit.DAYS), enrolled,
                new SubjectFacts(List.of(groups), List.of(), "account-console", webauthn));
    }

    static NamedPolicy policy(String name, List<String> groups, int graceDays) {
        return new NamedPolicy(name, new PolicyDocument(new PolicyDocument.AppliesTo(groups, List.of(), List.of()),
                new PolicyDocument.Mfa(true, List.of(Method.TOTP, Method.WEBAUTHN), graceDays, null),
                new PolicyDocument.Passwords(Level.BLOCK, Level.WARN, Level.BLOCK, 8)));
    }

    final List<KnownSubjects.Known> people = List.of(
            person("ann", 30, NOW.minus(2, ChronoUnit.DAYS), false, "/engineering"),
            person("ben", 10, null, false, "/engineering"),
            person("cat", 3, null, false, "/finance"),
            person("dan", 1, null, true, "/finance"),
            person("eve", 20, null, false));

    @Test
    void factorsAreCountedByKindWithPasskeysApartFromSecurityKeys() {
        List<KnownSubjects.Known> staff = new java.util.ArrayList<>(people);
        staff.add(new KnownSubjects.Known("fay", NOW, NOW,
                new SubjectFacts(List.of("/treasury"), List.of(), "wallet-admin", true, true)));
        staff.add(new KnownSubjects.Known("gil", NOW, null,
                new SubjectFacts(List.of("/treasury"), List.of(), "wallet-admin", false, true)));
        List<Compliance.Coverage> byMethod = Compliance.of(staff, List.of(), NOW).byMethod();
        assertThat(byMethod).extracting(Compliance.Coverage::name)
                .containsExactly("totp", "security-key", "passkey", "none");
        // ann and fay have TOTP; dan and fay a security key; fay and gil a passkey; ben, cat and eve nothing
        assertThat(byMethod).extracting(Compliance.Coverage::enrolled).containsExactly(2L, 2L, 2L, 3L);
        assertThat(byMethod).allSatisfy(c -> assertThat(c.total()).isEqualTo(7));
        assertThat(Compliance.of(staff, List.of(), NOW).overall().enrolled()).as("a passkey alone counts").isEqualTo(4);
    }

    @Test
    void coverageCountsEitherFactorOverallAndPerGroup() {
        Compliance c = Compliance.of(people, List.of(policy("baseline", List.of(), 7)), NOW);
        assertThat(c.overall()).isEqualTo(new Compliance.Coverage("everyone", 2, 5));
        assertThat(c.overall().percent()).isEqualTo(40);
        assertThat(c.byGroup()).containsExactly(new Compliance.Coverage("/engineering", 1, 2),
                new Compliance.Coverage("/finance", 1, 2));
    }

    /** A group's policy covers its subgroups: so do its figures, each person once, a sibling apart. */
    @Test
    void aGroupCountsThePeopleOfItsSubgroupsOnce() {
        List<KnownSubjects.Known> treasury = List.of(
                person("fay", 1, NOW, true, "/treasury"),
                person("gil", 1, null, false, "/treasury/payments"),
                person("hal", 1, NOW, false, "/treasury/payments/eu", "/treasury/payments"),
                person("ida", 1, null, false, "/treasury-archive"),
                person("jon", 1, NOW, false, "/treasury/payments/eu", "/treasury"));
        List<NamedPolicy> policies = List.of(policy("treasury", List.of("treasury"), 0));
        Compliance c = Compliance.of(treasury, policies, NOW);
        assertThat(c.byGroup()).containsExactly(new Compliance.Coverage("/treasury", 3, 4),
                new Compliance.Coverage("/treasury-archive", 0, 1),
                new Compliance.Coverage("/treasury/payments", 2, 3),
                new Compliance.Coverage("/treasury/payments/eu", 2, 2));
        // gil is under treasury's policy through /treasury/payments: no grace, overdue; ida is not
        assertThat(c.overdue()).extracting(Compliance.Due::subject).containsExactly("gil");
    }

    @Test
    void deadlinesSplitIntoOverdueAndDueWithinAWeek() {
        Compliance c = Compliance.of(people, List.of(policy("baseline", List.of(), 7)), NOW);
        // ben seen 10 days ago and eve 20 days ago: 7 days' grace is over; cat has 4 days left
        assertThat(c.overdue()).extracting(Compliance.Due::subject).containsExactly("eve", "ben");
        assertThat(c.overdue()).extracting(Compliance.Due::days).containsExactly(13L, 3L);
        assertThat(c.dueSoon()).extracting(Compliance.Due::subject).containsExactly("cat");
        assertThat(c.dueSoon().get(0).days()).isEqualTo(4);
    }

    @Test
    void theChartIsCumulativeEndingToday() {
        Compliance c = Compliance.of(people, List.of(policy("baseline", List.of(), 7)), NOW);
        assertThat(c.enrolledByDay()).hasSize(30);
        assertThat(c.enrolledByDay().get(29).enrolled()).isEqualTo(1);
        assertThat(c.enrolledByDay().get(26).enrolled()).isZero();
        String svg = EnrolmentChart.svg(c.enrolledByDay(), java.util.Locale.ENGLISH, "TOTP enrolments");
        assertThat(svg).startsWith("<svg").endsWith("</svg>").contains("<title>25 Nov: 1</title>")
                .contains("role=\"img\"").contains("<title id=\"chart-title\">TOTP enrolments</title>");
        assertThat(EnrolmentChart.svg(c.enrolledByDay(), java.util.Locale.JAPANESE, "<TOTP & 登録>"))
                .contains("<title>11月25日: 1</title>").contains("&lt;TOTP &amp; 登録&gt;");
    }

    @Test
    void thePreviewCountsWhoIsAffectedAndWhoMustEnrolAtOnce() {
        List<NamedPolicy> current = List.of(policy("baseline", List.of(), 30));
        PolicyPreview preview = PolicyPreview.of(people, current, "eng", policy("eng", List.of("engineering"), 0)
                .document(), NOW);
        assertThat(preview.known()).isEqualTo(5);
        assertThat(preview.appliesTo()).isEqualTo(2);
        assertThat(preview.changed()).isEqualTo(2);
        assertThat(preview.mustEnrolNow()).isEqualTo(1); // ben; ann is enrolled already

        PolicyPreview unchanged = PolicyPreview.of(people, current, "baseline", current.get(0).document(), NOW);
        assertThat(unchanged.changed()).isZero();
        assertThat(unchanged.appliesTo()).isEqualTo(5);

        List<NamedPolicy> withEng = List.of(current.get(0), policy("eng", List.of("engineering"), 0));
        PolicyPreview deletion = PolicyPreview.of(people, withEng, "eng", null, NOW);
        assertThat(deletion.appliesTo()).isEqualTo(2);
        assertThat(deletion.changed()).isEqualTo(2);
        assertThat(deletion.mustEnrolNow()).isZero();
    }

    @Test
    void listsKeepTheEarliestDeadlinesAndSayHowManyThereAreInAll() {
        Compliance.Tally tally = new Compliance.Tally(List.of(policy("baseline", List.of(), 7)), NOW, 2);
        // seen 30, 10, 50, 20 and 40 days ago: all past the 7 days' grace; cat and dan within it
        for (String[] p : new String[][] {{"ann", "30"}, {"ben", "10"}, {"cy", "50"}, {"dee", "20"}, {"eli", "40"},
                {"cat", "3"}, {"dan", "2"}, {"fox", "1"}}) {
            tally.add(person(p[0], Integer.parseInt(p[1]), null, false));
        }
        Compliance c = tally.result();
        assertThat(c.overdue()).extracting(Compliance.Due::subject).containsExactly("cy", "eli");
        assertThat(c.overdueTotal()).isEqualTo(5);
        assertThat(c.overdueNotShown()).isEqualTo(3);
        assertThat(c.dueSoon()).extracting(Compliance.Due::subject).containsExactly("cat", "dan");
        assertThat(c.dueSoonTotal()).isEqualTo(3);
        assertThat(c.overall()).isEqualTo(new Compliance.Coverage("everyone", 0, 8));
    }

    @Test
    void equalDeadlinesKeepTheOrderThePeopleCameIn() {
        Compliance.Tally tally = new Compliance.Tally(List.of(policy("baseline", List.of(), 7)), NOW, 2);
        for (String name : List.of("ann", "bob", "cat")) {
            tally.add(person(name, 10, null, false));
        }
        assertThat(tally.result().overdue()).extracting(Compliance.Due::subject)
                .containsExactly("ann", "bob");
    }

    @Test
    void groupsKeepEveryGroupAPolicyNamesAndTheFirstOthersWithExactCounts() {
        List<NamedPolicy> policies = List.of(policy("baseline", List.of(), 7), policy("tr", List.of("zz-treasury"), 0));
        Compliance.Tally tally = new Compliance.Tally(policies, NOW, 2);
        // names arrive late and out of order: "/b" is pushed out by "/a1" and "/a2", "/c" never gets in
        tally.add(person("p1", 1, NOW, false, "/c", "/zz-treasury"));
        tally.add(person("p2", 1, null, false, "/b", "/c"));
        tally.add(person("p3", 1, NOW, false, "/a2", "/b"));
        tally.add(person("p4", 1, null, false, "/a1", "/a2", "/zz-treasury"));
        tally.add(person("p5", 1, NOW, false, "/a1", "/b", "/c"));
        Compliance c = tally.result();
        assertThat(c.byGroup()).containsExactly(new Compliance.Coverage("/a1", 1, 2),
                new Compliance.Coverage("/a2", 1, 2), new Compliance.Coverage("/zz-treasury", 1, 2));
        assertThat(c.moreGroups()).isTrue();
        assertThat(Compliance.of(people, policies, NOW).moreGroups()).isFalse();
    }

    @Test
    void keptGroupsMatchACountOfEveryGroupWhateverTheOrder() {
        java.util.Random random = new java.util.Random(11);
        List<KnownSubjects.Known> many = new java.util.ArrayList<>();
        java.util.Map<String, long[]> naive = new java.util.TreeMap<>();
        for (int i = 0; i < 400; i++) {
            java.util.Set<String> groups = new java.util.TreeSet<>();
            for (int g = random.nextInt(6); g > 0; g--) {
                groups.add("/g" + random.nextInt(60));
            }
            boolean enrolled = random.nextBoolean();
            many.add(person("p" + i, 1, enrolled ? NOW : null, false, groups.toArray(String[]::new)));
            groups.forEach(group -> {
                long[] c = naive.computeIfAbsent(group, k -> new long[2]);
                c[0] += enrolled ? 1 : 0;
                c[1]++;
            });
        }
        List<NamedPolicy> policies = List.of(policy("g7", List.of("g7"), 0), policy("g59", List.of("/g59"), 0));
        Compliance.Tally tally = new Compliance.Tally(policies, NOW, 10);
        many.forEach(tally::add);
        List<Compliance.Coverage> expected = naive.entrySet().stream()
                .filter(e -> e.getKey().equals("/g7") || e.getKey().equals("/g59")
                        || naive.keySet().stream().filter(k -> !k.equals("/g7") && !k.equals("/g59"))
                                .limit(10).anyMatch(e.getKey()::equals))
                .map(e -> new Compliance.Coverage(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
        assertThat(tally.result().byGroup()).containsExactlyElementsOf(expected)
                .hasSize(12);
    }

    /** The dashboard calls a renamed person by their name now, and links them by their key. */
    @Test
    void aRenamedPersonIsListedByTheirNameNow() {
        KnownSubjects.Known renamed = new KnownSubjects.Known("alice", NOW.minus(20, ChronoUnit.DAYS), null,
                StoredFacts.of(new SubjectFacts(List.of(), List.of(), null, false)), "alice.smith");
        Compliance c = Compliance.of(List.of(renamed), List.of(policy("baseline", List.of(), 7)), NOW);
        assertThat(c.overdue()).singleElement().satisfies(due -> {
            assertThat(due.subject()).isEqualTo("alice");
            assertThat(due.name()).isEqualTo("alice.smith");
        });
    }
}
