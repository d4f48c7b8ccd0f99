package dev.portcullis.policy.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The variant model, measured against its tables: at least 95% of the variant pairs share a root, no
 * look-alike does, and a password never has more than two roots (three Argon2id evaluations per check).
 */
class PasswordRootTest {

    static boolean shareARoot(VariantTable.Pair pair) {
        List<String> stored = PasswordRoot.of(pair.stored());
        return PasswordRoot.of(pair.chosen()).stream().anyMatch(stored::contains);
    }

    @Test
    void atLeast95PercentOfTheVariantPairsAreCaught() {
        List<VariantTable.Pair> missed = VariantTable.VARIANTS.stream().filter(p -> !shareARoot(p)).toList();
        double recall = 1.0 - (double) missed.size() / VariantTable.VARIANTS.size();
        Map<String, Long> byClass = VariantTable.VARIANTS.stream()
                .collect(Collectors.groupingBy(VariantTable.Pair::transformation, TreeMap::new, Collectors.counting()));
        System.out.printf("Variant model: %d of %d variant pairs caught (%.1f%%), in %d classes; missed: %s%n",
                VariantTable.VARIANTS.size() - missed.size(), VariantTable.VARIANTS.size(), recall * 100,
                byClass.size(), missed);
        assertThat(recall).as("missed: " + missed).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void noLookAlikeIsFlagged() {
        List<VariantTable.Pair> flagged = VariantTable.LOOK_ALIKES.stream().filter(PasswordRootTest::shareARoot)
                .toList();
        System.out.printf("Variant model: %d of %d look-alike pairs flagged%n", flagged.size(),
                VariantTable.LOOK_ALIKES.size());
        assertThat(flagged).isEmpty();
    }

    @Test
    void aPasswordHasAtMostTwoRoots() {
        for (VariantTable.Pair pair : VariantTable.VARIANTS) {
            assertThat(PasswordRoot.of(pair.stored())).hasSizeLessThanOrEqualTo(2);
            assertThat(PasswordRoot.of(pair.chosen())).hasSizeLessThanOrEqualTo(2);
        }
    }

    /** Known answers: these roots are keyed into stored fingerprints, so a change here breaks every match. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "Kumquat-Harbor-2024!  | kumquatharbor",
        "Summer2024!           | summer",
        "P@ssw0rd              | password",
        "hell0                 | heii ; heiio",
        "さくらもち-2024        | さくらもち",
        "Ｋｕｍｑｕａｔ２０２４    | kumquat",
        "12345678              | ''",
        "abc!                  | abci",   // a ! touching a word is an i in the second root
        "ab-12                 | ''",
    })
    void rootsAreStable(String password, String expected) {
        List<String> roots = expected.isEmpty() ? List.of() : List.of(expected.split(" ; "));
        assertThat(PasswordRoot.of(password.strip())).containsExactlyElementsOf(roots);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "null", value = {
        "Summer2024!, summer",
        "Kumquat-Harbor-2024!, kumquat-harbor-2o2a",   // version 1 undid substitutions in the year too
        "P@ssw0rd1, password",
        "dor&3, dor&e",
        "x&3, null",
        "hello, hello",
        "Tr0ub4dor&3, troubador&e",
        "c0rrect h0rse, correct horse",
        "$ecret99, ecret",
        "ПАРОЛЬ2024, пароль",
        "ＰＡＳＳＷＯＲＤ１２３, password",
    })
    void theVersion1RootIsKeptForFingerprintsMadeWithIt(String password, String expected) {
        assertThat(PasswordRoot.legacy(password)).isEqualTo(expected);
    }
}
