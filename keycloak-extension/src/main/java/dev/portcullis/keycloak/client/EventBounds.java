package dev.portcullis.keycloak.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Pure: fits an event within what the policy service's events API accepts, before it is queued, so
 * that one hostile login attempt (a username of 5,000 characters, control
 * characters) never gets its whole batch refused. Nothing is dropped: an oversized field is cut,
 * and the event says which fields were cut ({@code details.truncated}), how long the subject was and
 * the start of its SHA-256, so that an investigator can still tell attempts apart. Control characters
 * in the subject and the IP are replaced, and the event says so ({@code details.sanitized}).
 */
final class EventBounds {

    /** The service's limits: a subject (and its id) of 255 characters once trimmed and lower-cased... */
    static final int SUBJECT_MAX = 255;
    /** ...an IP of 64, a type of 64, and details of 4,000 characters of JSON (kept well under). */
    static final int IP_MAX = 64;
    static final int TYPE_MAX = 64;
    static final int DETAILS_MAX = 3_500;
    static final int VALUE_MAX = 512;
    static final String CUT = "...";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.regex.Pattern CONTROL = java.util.regex.Pattern.compile("[\\x00-\\x1F\\x7F-\\x9F]");

    private EventBounds() {
    }

    static Map<String, Object> fit(Map<String, Object> event) {
        Map<String, Object> out = new LinkedHashMap<>(event);
        Map<String, Object> details = new LinkedHashMap<>();
        if (event.get("details") instanceof Map<?, ?> given) {
            given.forEach((key, value) -> details.put(String.valueOf(key), value));
        }
        List<String> truncated = new ArrayList<>();
        List<String> sanitized = new ArrayList<>();
        sanitize(out, "subject", sanitized);
        sanitize(out, "ip", sanitized);
        if (out.get("subjectId") instanceof String id && (id.isEmpty() || id.length() > SUBJECT_MAX
                || CONTROL.matcher(id).find())) {
            out.remove("subjectId"); // the event then goes by name, as an event of an unknown account
            out.remove("subjectCreated");
            sanitized.add("subjectId");
        }
        if (out.get("subject") instanceof String safe && event.get("subject") instanceof String subject) {
            String normalised = safe.strip().toLowerCase(Locale.ROOT);
            if (normalised.length() > SUBJECT_MAX) {
                out.put("subject", cut(normalised, SUBJECT_MAX - 16) + CUT);
                details.put("subjectLength", subject.codePointCount(0, subject.length()));
                details.put("subjectSha256", sha256(subject).substring(0, 16));
                truncated.add("subject");
            } else if (sanitized.contains("subject")) {
                details.put("subjectSha256", sha256(subject).substring(0, 16)); // attempts stay apart
            }
        }
        fitString(out, "ip", IP_MAX, truncated);
        fitString(out, "type", TYPE_MAX, truncated);
        fitDetails(details, truncated);
        if (!truncated.isEmpty()) {
            details.put("truncated", truncated);
        }
        if (!sanitized.isEmpty()) {
            details.put("sanitized", sanitized);
        }
        out.put("details", details);
        return out;
    }

    /**
     * Control characters (C0, DEL, C1) become U+FFFD: the API refuses them in these fields (a NUL cannot
     * even be stored in PostgreSQL), and one prober's {@code a%00b} must not hold up everyone's events.
     */
    private static void sanitize(Map<String, Object> event, String field, List<String> sanitized) {
        if (event.get(field) instanceof String value && CONTROL.matcher(value).find()) {
            event.put(field, CONTROL.matcher(value).replaceAll("\uFFFD"));
            sanitized.add(field);
        }
    }

    private static void fitString(Map<String, Object> event, String field, int max, List<String> truncated) {
        if (event.get(field) instanceof String value && value.length() > max) {
            event.put(field, cut(value, max - CUT.length()) + CUT);
            truncated.add(field);
        }
    }

    /** Long values are cut first; if the details are still too large, halve the cut until they fit. */
    private static void fitDetails(Map<String, Object> details, List<String> truncated) {
        for (int max = VALUE_MAX; size(details) > DETAILS_MAX - 200 && max >= 8; max /= 2) {
            for (Map.Entry<String, Object> entry : details.entrySet()) {
                if (entry.getValue() instanceof String value && value.length() > max) {
                    entry.setValue(cut(value, max - CUT.length()) + CUT);
                    if (!truncated.contains("details." + entry.getKey())) {
                        truncated.add("details." + entry.getKey());
                    }
                }
            }
        }
    }

    /** The first {@code length} characters, never splitting a surrogate pair. */
    static String cut(String value, int length) {
        int end = Math.min(value.length(), length);
        if (end > 0 && end < value.length() && Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end);
    }

    static int size(Object value) {
        try {
            return JSON.writeValueAsString(value).length();
        } catch (JsonProcessingException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** The event as the API receives it, for sizing batches. */
    static int bytes(Map<String, Object> event) {
        try {
            return JSON.writeValueAsBytes(event).length;
        } catch (JsonProcessingException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
