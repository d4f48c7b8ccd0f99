package dev.portcullis.policy.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.portcullis.policy.crypto.Secrets;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pure rules of the chain: {@code hash = SHA-256(prev_hash ‖ canonical(event))}, where the
 * canonical form is a JSON array of the event's fields in a fixed order, with details as JSON whose
 * keys are sorted. Times are kept to the millisecond so that every database round-trips them.
 */
public final class AuditChain {

    public static final String GENESIS = "0".repeat(64);
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    /** The hashed fields of one event. */
    public record Link(long id, Instant time, String actor, String type, String subject, String outcome, String ip,
            String details) {
    }

    private AuditChain() {
    }

    public static Instant truncate(Instant time) {
        return time.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Details as canonical JSON: nested maps sorted by key. */
    public static String canonicalDetails(Map<String, Object> details) {
        try {
            return CANONICAL.writeValueAsString(details == null ? Map.of() : new TreeMap<>(details));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit details are not serialisable as JSON", e);
        }
    }

    public static String hash(String prevHash, Link link) {
        byte[] prev = HexFormat.of().parseHex(prevHash);
        byte[] body = canonical(link).getBytes(StandardCharsets.UTF_8);
        byte[] input = Arrays.copyOf(prev, prev.length + body.length);
        System.arraycopy(body, 0, input, prev.length, body.length);
        return HexFormat.of().formatHex(Secrets.sha256(input));
    }

    static String canonical(Link link) {
        Object[] fields = {link.id(), link.time().toString(), link.actor(), link.type(), link.subject(),
                link.outcome(), link.ip(), link.details()};
        try {
            return CANONICAL.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode an audit event", e);
        }
    }
}
