package dev.portcullis.policy.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PersonTokensTest {

    static final List<String> SECOND_FACTOR = List.of("mfa", "phr");

    @ParameterizedTest(name = "azp={0} aud={1} acr={2} -> {3}")
    @CsvSource(nullValues = "null", value = {
        "portcullis-console, account,    mfa,  accepted",
        "portcullis-console, account,    phr,  accepted",
        "wiki,               portcullis, mfa,  accepted",   // the configured audience
        "wiki,               account,    mfa,  another application",
        "null,               account,    mfa,  another application",
        "portcullis-console, account,    1,    two-step verification",
        "portcullis-console, account,    pwd,  two-step verification",
        "portcullis-console, account,    null, two-step verification",
        "portcullis-console, account,    Mfa,  two-step verification",
    })
    void onlyTheConsolesTokensProvenByASecondFactorCount(String azp, String aud, String acr, String expected) {
        Optional<String> refusal = PersonTokens.refusal(azp, Set.of(aud), acr, "portcullis-console",
                Optional.of("portcullis"), SECOND_FACTOR);
        if ("accepted".equals(expected)) {
            assertThat(refusal).isEmpty();
        } else {
            assertThat(refusal).get().asString().contains(expected);
        }
    }

    @ParameterizedTest
    @CsvSource({"portcullis", "''"})
    void withoutAConfiguredAudienceOnlyTheConsolesClientCounts(String aud) {
        assertThat(PersonTokens.refusal("wiki", Set.of(aud), "mfa", "portcullis-console", Optional.empty(),
                SECOND_FACTOR)).isPresent();
    }
}
