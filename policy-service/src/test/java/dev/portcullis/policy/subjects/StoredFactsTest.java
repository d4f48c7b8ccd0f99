package dev.portcullis.policy.subjects;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The console's streaming read of stored facts gives what the full parse gives, for every shape stored. */
class StoredFactsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"groups\":[\"/eng\",\"/finance\"],\"roles\":[\"employee\"],\"client\":\"account\",\"webauthn\":true,\"passkey\":false}",
        "{\"groups\":[],\"roles\":[],\"client\":null,\"webauthn\":false,\"passkey\":true}",
        "{\"groups\":[\"/\\u0001 \\\"x\\\",\\\"webauthn\\\":true\"],\"roles\":[\"山田\"],\"client\":\"c\",\"webauthn\":false}",
        "{\"groups\":[\"/a\"],\"roles\":[\"r\"],\"client\":\"vpn\",\"webauthn\":false}",
        "{\"groups\":null,\"roles\":null,\"client\":null,\"webauthn\":false,\"passkey\":false}",
        "{\"groups\":[\"/a\"],\"roles\":[],\"client\":\"vpn\",\"webauthn\":true",
        "not json",
        "[]",
        "{\"groups\":[[\"/nested\"]],\"roles\":[],\"client\":null,\"webauthn\":false,\"passkey\":false}",
        "{\"groups\":\"/eng\",\"roles\":[],\"client\":null,\"webauthn\":true,\"passkey\":false}",
    })
    void readsWhatTheFullParseReads(String json) {
        SubjectFacts parsed = SubjectFacts.parse(json);
        assertThat(StoredFacts.read(json)).isEqualTo(StoredFacts.of(parsed));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 50, 400})
    void readsStoredFactsOfEverySizeBackAsTheyWere(int groups) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < groups; i++) {
            names.add("/department-" + i + "/team \"" + i + "\" ü");
        }
        SubjectFacts facts = new SubjectFacts(names, List.of("employee", "policy-auditor"), "wallet-admin", true, true);
        assertThat(StoredFacts.read(facts.toJson())).isEqualTo(StoredFacts.of(facts));
        assertThat(StoredFacts.read(null)).isEqualTo(StoredFacts.NONE);
    }
}
