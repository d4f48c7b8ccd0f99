package dev.portcullis.policy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    private static final AuditChain.Link LINK = new AuditChain.Link(1, Instant.parse("2026-11-24T10:00:00.123Z"),
            "admin:bootstrap", "service.created", null, "success", "127.0.0.1", "{\"service\":\"vpn\"}");

    @Test
    void theHashCoversThePreviousHashAndEveryField() {
        String hash = AuditChain.hash(AuditChain.GENESIS, LINK);
        assertThat(hash).hasSize(64).isEqualTo(AuditChain.hash(AuditChain.GENESIS, LINK));
        assertThat(AuditChain.hash("1" + AuditChain.GENESIS.substring(1), LINK)).isNotEqualTo(hash);
        assertThat(AuditChain.hash(AuditChain.GENESIS, new AuditChain.Link(2, LINK.time(), LINK.actor(), LINK.type(),
                LINK.subject(), LINK.outcome(), LINK.ip(), LINK.details()))).isNotEqualTo(hash);
        assertThat(AuditChain.hash(AuditChain.GENESIS, new AuditChain.Link(1, LINK.time(), LINK.actor(), LINK.type(),
                LINK.subject(), "failure", LINK.ip(), LINK.details()))).isNotEqualTo(hash);
        assertThat(AuditChain.hash(AuditChain.GENESIS, new AuditChain.Link(1, LINK.time().plusMillis(1), LINK.actor(),
                LINK.type(), LINK.subject(), LINK.outcome(), LINK.ip(), LINK.details()))).isNotEqualTo(hash);
    }

    @Test
    void fieldsCannotBeShiftedIntoEachOther() {
        var a = new AuditChain.Link(1, LINK.time(), "ab", "c", null, "success", null, "{}");
        var b = new AuditChain.Link(1, LINK.time(), "a", "bc", null, "success", null, "{}");
        assertThat(AuditChain.hash(AuditChain.GENESIS, a)).isNotEqualTo(AuditChain.hash(AuditChain.GENESIS, b));
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
     * change, it needs a chain version, not a new value here.
     */
    @Test
    void aKnownEventHashesToItsPinnedValue() {
        assertThat(AuditChain.hash(AuditChain.GENESIS, LINK)).isEqualTo(PINNED);
    }

    static final String PINNED = "24121233029dc30a6e8f7f0dbe69f5a22cca9e3a3b192506ccd2ab878974d5ba";
}
