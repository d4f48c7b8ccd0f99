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
}
