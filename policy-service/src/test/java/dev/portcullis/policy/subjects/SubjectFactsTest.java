package dev.portcullis.policy.subjects;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubjectFactsTest {

    @Test
    void equalFactsHaveEqualJsonWhateverTheOrder() {
        SubjectFacts a = new SubjectFacts(List.of("/b", "/a", "/a"), List.of("r"), "c", false);
        SubjectFacts b = new SubjectFacts(List.of("/a", "/b"), List.of("r"), "c", false);
        assertThat(a.toJson()).isEqualTo(b.toJson());
        assertThat(SubjectFacts.parse(a.toJson())).isEqualTo(b);
    }

    @Test
    void hugeListsAreCutToFitTheColumn() {
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            groups.add("/" + "g".repeat(250) + i + "\u0001");
        }
        SubjectFacts facts = new SubjectFacts(groups, groups, "client", true);
        assertThat(facts.toJson().length()).isLessThanOrEqualTo(8000);
        assertThat(facts.groups()).isNotEmpty();
    }

    @Test
    void unknownOrDamagedFactsMeanNone() {
        assertThat(SubjectFacts.parse(null)).isEqualTo(SubjectFacts.NONE);
        assertThat(SubjectFacts.parse("{not json")).isEqualTo(SubjectFacts.NONE);
    }
}
