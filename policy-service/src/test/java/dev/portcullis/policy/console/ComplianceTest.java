package dev.portcullis.policy.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.policy.policies.Level;
import dev.portcullis.policy.policies.Method;
import dev.portcullis.policy.policies.NamedPolicy;
import dev.portcullis.policy.policies.PolicyDocument;
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
        return new KnownSubjects.Known(name, NOW.minus(daysAgoSeen, ChronoUnit.DAYS), enrolled, null,
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
        staff.add(new KnownSubjects.Known("fay", NOW, NOW, null,
                new SubjectFacts(List.of("/treasury"), List.of(), "wallet-admin", true, true)));
        staff.add(new KnownSubjects.Known("gil", NOW, null, null,
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
}
