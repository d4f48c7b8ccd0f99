package dev.portcullis.policy.policies;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A group's policy covers its members and every subgroup below it, and nothing else. */
class GroupPathsTest {

    @ParameterizedTest(name = "{0}: policy group ''{1}'', person in ''{2}''")
    @CsvSource(delimiter = '|', textBlock = """
        # label                              | policy names        | Keycloak path                | covered by
        member, name without slash           | treasury            | /treasury                    | MEMBER
        member, name as a path               | /treasury           | /treasury                    | MEMBER
        member, path without slash           | treasury            | treasury                     | MEMBER
        subgroup                             | treasury            | /treasury/payments           | SUBGROUP
        subgroup, policy names the path      | /treasury           | /treasury/payments           | SUBGROUP
        deeper subgroup                      | treasury            | /treasury/payments/eu        | SUBGROUP
        policy names a subgroup              | /treasury/payments  | /treasury/payments/eu        | SUBGROUP
        subgroup's policy, exact member      | treasury/payments   | /treasury/payments           | MEMBER
        parent is not covered by a subgroup  | /treasury/payments  | /treasury                    | NONE
        sibling sharing a prefix             | treasury            | /treasury-archive            | NONE
        sibling's subgroup sharing a prefix  | treasury            | /treasury-archive/payments   | NONE
        a longer name is no subgroup         | treasury            | /treasuryx                   | NONE
        other subgroup of the same parent    | /treasury/payments  | /treasury/paymentsx          | NONE
        same name lower down                 | treasury            | /finance/treasury            | NONE
        trailing slash in the policy         | treasury/           | /treasury/payments           | SUBGROUP
        trailing slash in the path           | /treasury           | /treasury/                   | MEMBER
        trailing slashes on both             | /treasury//         | /treasury/payments/          | SUBGROUP
        case counts, as in Keycloak          | treasury            | /Treasury                    | NONE
        case counts in subgroups             | Treasury            | /treasury/payments           | NONE
        case of the subgroup is its own      | treasury            | /treasury/Payments           | SUBGROUP
        only slashes covers nobody           | /                   | /treasury                    | NONE
        an empty path is in no group         | treasury            | /                            | NONE
        """)
    void aGroupsPolicyCoversItsMembersAndEverySubgroupButNoSibling(String label, String named, String path,
            String expected) {
        Optional<GroupPaths.Coverage> how = GroupPaths.how(named, path);
        assertThat(how.map(Enum::name).orElse("NONE")).as(label).isEqualTo(expected);
        assertThat(GroupPaths.covers(named, path)).as(label).isEqualTo(!"NONE".equals(expected));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        /treasury                | /treasury
        /treasury/payments/eu    | /treasury,/treasury/payments,/treasury/payments/eu
        treasury/payments        | treasury,treasury/payments
        /treasury/payments/      | /treasury,/treasury/payments
        /                        | ''
        """)
    void aPathCountsInItselfAndEveryGroupAboveIt(String path, String expected) {
        List<String> paths = expected.isEmpty() ? List.of() : Arrays.asList(expected.split(","));
        assertThat(GroupPaths.selfAndAncestors(path)).isEqualTo(paths);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        # label                   | person's groups                      | treasury applies
        member                    | /treasury                            | true
        subgroup                  | /treasury/payments                   | true
        deeper subgroup           | /treasury/payments/eu                | true
        sibling sharing a prefix  | /treasury-archive                    | false
        in both, counted once     | /treasury,/treasury/payments         | true
        elsewhere                 | /sales,/treasury-archive/payments    | false
        """)
    void theResolverAppliesAGroupsPolicyToItsSubgroups(String label, String groups, boolean applies) {
        NamedPolicy treasury = PolicyResolverTest.policy("treasury", List.of("treasury"), List.of(), List.of(), true,
                List.of(Method.WEBAUTHN), 0, null, Level.BLOCK, Level.BLOCK, Level.BLOCK, 12);
        Set<String> person = Set.of(groups.split(","));
        ResolvedPolicy resolved = PolicyResolver.resolve(List.of(PolicyResolverTest.BASELINE, treasury), person,
                Set.of(), null, PolicyResolverTest.FIRST_SEEN);
        assertThat(resolved.matched().contains("treasury")).as(label).isEqualTo(applies);
        assertThat(resolved.methods()).as(label).isEqualTo(applies ? List.of(Method.WEBAUTHN)
                : List.of(Method.TOTP, Method.WEBAUTHN));
        assertThat(PolicyResolver.applying(List.of(treasury), person, Set.of(), false).isEmpty()).as(label)
                .isEqualTo(!applies);
    }
}
