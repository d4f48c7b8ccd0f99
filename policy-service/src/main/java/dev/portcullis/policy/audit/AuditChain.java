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
 *
 * <p>Two versions: version 1, {@code [id, time, actor, type, subject, outcome, ip, details]}, for the
 * events chained before the head's {@code v2_from}; version 2,
 * {@code [2, id, time, recordedAt, actor, type, subject, outcome, ip, details]}, from there on, so that
 * the recording time is covered too. Which one applies is decided by the event's id and the head
 * ({@link #version}), never by anything stored with the event (its {@code chain_version} must agree).
 */
public final class AuditChain {

    public static final String GENESIS = "0".repeat(64);
    public static final int V1 = 1;
    public static final int V2 = 2;
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    /** The hashed fields of one event ({@code recordedAt}: version 2 only). */
    public record Link(long id, Instant time, Instant recordedAt, String actor, String type, String subject,
            String outcome, String ip, String details) {
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

    /** The version of the event {@code id} in a chain whose head says version 2 starts at {@code v2From}. */
    public static int version(long id, long v2From) {
        return id >= v2From ? V2 : V1;
    }

    /** The hash of the event in its place: the version follows from its id and {@code v2From}. */
    public static String hashInChain(long v2From, String prevHash, Link link) {
        return hash(version(link.id(), v2From), prevHash, link);
    }

    /** Whether {@code stored} is the hash the event must have in its place, after {@code prevHash}. */
    public static boolean matches(long v2From, String prevHash, Link link, String stored) {
        try {
            return hashInChain(v2From, prevHash, link).equals(stored);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    public static String hash(int version, String prevHash, Link link) {
        byte[] prev = HexFormat.of().parseHex(prevHash);
        byte[] body = canonical(version, link).getBytes(StandardCharsets.UTF_8);
        byte[] input = Arrays.copyOf(prev, prev.length + body.length);
        System.arraycopy(body, 0, input, prev.length, body.length);
        return HexFormat.of().formatHex(Secrets.sha256(input));
    }

    static String canonical(int version, Link link) {
        Object[] fields = switch (version) {
            case V1 -> new Object[] {link.id(), link.time().toString(), link.actor(), link.type(), link.subject(),
                link.outcome(), link.ip(), link.details()};
            case V2 -> {
                if (link.recordedAt() == null) {
                    throw new IllegalArgumentException("a version 2 event needs its recording time");
                }
                yield new Object[] {V2, link.id(), link.time().toString(), link.recordedAt().toString(), link.actor(),
                    link.type(), link.subject(), link.outcome(), link.ip(), link.details()};
            }
            default -> throw new IllegalArgumentException("no audit chain version " + version);
        };
        try {
            return CANONICAL.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode an audit event", e);
        }
    }
}
