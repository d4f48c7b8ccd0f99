package dev.portcullis.policy.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditChainTest {

    private static final Instant RECORDED = Instant.parse("2026-11-24T10:00:01.456Z");
    private static final AuditChain.Link LINK = new AuditChain.Link(1, Instant.parse("2026-11-24T10:00:00.123Z"),
            RECORDED, "admin:bootstrap", "service.created", null, "success", "127.0.0.1", "{\"service\":\"vpn\"}");

    @ParameterizedTest
    @ValueSource(ints = {AuditChain.V1, AuditChain.V2})
    void theHashCoversThePreviousHashAndEveryField(int version) {
        String hash = AuditChain.hash(version, AuditChain.GENESIS, LINK);
        assertThat(hash).hasSize(64).isEqualTo(AuditChain.hash(version, AuditChain.GENESIS, LINK));
        assertThat(AuditChain.hash(version, "1" + AuditChain.GENESIS.substring(1), LINK)).isNotEqualTo(hash);
        assertThat(AuditChain.hash(version, AuditChain.GENESIS, new AuditChain.Link(2, LINK.time(), RECORDED,
                LINK.actor(), LINK.type(), LINK.subject(), LINK.outcome(), LINK.ip(), LINK.details()))).isNotEqualTo(hash);
        assertThat(AuditChain.hash(version, AuditChain.GENESIS, new AuditChain.Link(1, LINK.time(), RECORDED,
                LINK.actor(), LINK.type(), LINK.subject(), "failure", LINK.ip(), LINK.details()))).isNotEqualTo(hash);
        assertThat(AuditChain.hash(version, AuditChain.GENESIS, new AuditChain.Link(1, LINK.time().plusMillis(1),
                RECORDED, LINK.actor(), LINK.type(), LINK.subject(), LINK.outcome(), LINK.ip(), LINK.details())))
                .isNotEqualTo(hash);
    }

    @ParameterizedTest
    @ValueSource(ints = {AuditChain.V1, AuditChain.V2})
    void fieldsCannotBeShiftedIntoEachOther(int version) {
        var a = new AuditChain.Link(1, LINK.time(), RECORDED, "ab", "c", null, "success", null, "{}");
        var b = new AuditChain.Link(1, LINK.time(), RECORDED, "a", "bc", null, "success", null, "{}");
        assertThat(AuditChain.hash(version, AuditChain.GENESIS, a))
                .isNotEqualTo(AuditChain.hash(version, AuditChain.GENESIS, b));
    }

    /** Version 2 covers the recording time and names itself; version 1 never did, and must not start to. */
    @Test
    void onlyVersionTwoCoversTheRecordingTime() {
        var later = new AuditChain.Link(1, LINK.time(), RECORDED.plusMillis(1), LINK.actor(), LINK.type(),
                LINK.subject(), LINK.outcome(), LINK.ip(), LINK.details());
        assertThat(AuditChain.hash(AuditChain.V2, AuditChain.GENESIS, later))
                .isNotEqualTo(AuditChain.hash(AuditChain.V2, AuditChain.GENESIS, LINK));
        assertThat(AuditChain.hash(AuditChain.V1, AuditChain.GENESIS, later))
                .isEqualTo(AuditChain.hash(AuditChain.V1, AuditChain.GENESIS, LINK));
        assertThat(AuditChain.hash(AuditChain.V2, AuditChain.GENESIS, LINK))
                .isNotEqualTo(AuditChain.hash(AuditChain.V1, AuditChain.GENESIS, LINK));
        assertThat(AuditChain.canonical(AuditChain.V2, LINK)).startsWith("[2,1,\"2026-11-24T10:00:00.123Z\","
                + "\"2026-11-24T10:00:01.456Z\",\"admin:bootstrap\"");
        assertThat(AuditChain.canonical(AuditChain.V1, LINK)).startsWith("[1,\"2026-11-24T10:00:00.123Z\","
                + "\"admin:bootstrap\"");
    }

    @Test
    void aVersionTwoEventNeedsItsRecordingTime() {
        var unrecorded = new AuditChain.Link(1, LINK.time(), null, LINK.actor(), LINK.type(), LINK.subject(),
                LINK.outcome(), LINK.ip(), LINK.details());
        assertThatThrownBy(() -> AuditChain.hash(AuditChain.V2, AuditChain.GENESIS, unrecorded))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(AuditChain.matches(1, AuditChain.GENESIS, unrecorded, AuditChain.GENESIS)).isFalse();
        assertThatThrownBy(() -> AuditChain.hash(3, AuditChain.GENESIS, LINK)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The head's v2_from decides an event's version; nothing stored with the event can choose version 1. */
    @Test
    void anEventFromV2FromOnVerifiesOnlyAsVersionTwo() {
        String v1 = AuditChain.hash(AuditChain.V1, AuditChain.GENESIS, LINK);
        String v2 = AuditChain.hash(AuditChain.V2, AuditChain.GENESIS, LINK);
        assertThat(AuditChain.version(1, 1)).isEqualTo(AuditChain.V2);
        assertThat(AuditChain.version(1, 2)).isEqualTo(AuditChain.V1);
        // event 1 in a chain whose version 2 starts at event 1: only the version-2 hash will do
        assertThat(AuditChain.matches(1, AuditChain.GENESIS, LINK, v2)).isTrue();
        assertThat(AuditChain.matches(1, AuditChain.GENESIS, LINK, v1)).isFalse();
        // event 1 chained before the migration (version 2 from event 2 on): only the version-1 hash
        assertThat(AuditChain.matches(2, AuditChain.GENESIS, LINK, v1)).isTrue();
        assertThat(AuditChain.matches(2, AuditChain.GENESIS, LINK, v2)).isFalse();
        assertThat(AuditChain.hashInChain(1, AuditChain.GENESIS, LINK)).isEqualTo(v2);
        assertThat(AuditChain.hashInChain(2, AuditChain.GENESIS, LINK)).isEqualTo(v1);
        assertThat(AuditChain.matches(1, "not hex", LINK, v2)).isFalse();
    }

    @Test
    void detailsAreCanonicalWhateverTheirOrder() {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("b", 2);
        first.put("a", Map.of("y", 1, "x", 2));
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("a", Map.of("x", 2, "y", 1));
        second.put("b", 2);
        assertThat(AuditChain.canonicalDetails(first)).isEqualTo(AuditChain.canonicalDetails(second))
                .isEqualTo("{\"a\":{\"x\":2,\"y\":1},\"b\":2}");
        assertThat(AuditChain.canonicalDetails(null)).isEqualTo("{}");
    }

    /**
     * The hash of a known event, pinned: every stored chain was computed this way, so a change to the
     * canonical form or the hash would make every existing chain fail verification. If this must ever
     * change, it needs a chain version, not a new value here: version 2 is pinned beside version 1.
     */
    @Test
    void aKnownEventHashesToItsPinnedValue() {
        assertThat(AuditChain.hash(AuditChain.V1, AuditChain.GENESIS, LINK)).isEqualTo(PINNED);
        assertThat(AuditChain.hash(AuditChain.V2, AuditChain.GENESIS, LINK)).isEqualTo(PINNED_V2);
    }

    static final String PINNED = "24121233029dc30a6e8f7f0dbe69f5a22cca9e3a3b192506ccd2ab878974d5ba";
    static final String PINNED_V2 = "68592188f75d828f16f9d6d317460b69f96d19b3010200b3716e91f2a9b6ff46";
}
