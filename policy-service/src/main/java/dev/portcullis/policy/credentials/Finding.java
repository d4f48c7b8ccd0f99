package dev.portcullis.policy.credentials;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.portcullis.policy.policies.Level;
import java.util.List;

/**
 * One reason a password is weak, and how the policy treats it ({@code warn} or {@code block}):
 * {@code REUSED} and {@code VARIANT_REUSED} name the other services; {@code BREACHED} gives how often
 * the corpus saw it (null for the built-in list, which has no counts); {@code TOO_SHORT} the minimum.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(Type type, Level level, List<String> services, Long count, Integer minLength) {

    public enum Type {
        @JsonProperty("REUSED") REUSED,
        @JsonProperty("VARIANT_REUSED") VARIANT_REUSED,
        @JsonProperty("BREACHED") BREACHED,
        @JsonProperty("TOO_SHORT") TOO_SHORT
    }

    static Finding reused(Level level, List<String> services) {
        return new Finding(Type.REUSED, level, services, null, null);
    }

    static Finding variantReused(Level level, List<String> services) {
        return new Finding(Type.VARIANT_REUSED, level, services, null, null);
    }

    static Finding breached(Level level, Long count) {
        return new Finding(Type.BREACHED, level, null, count, null);
    }

    static Finding tooShort(int minLength) {
        return new Finding(Type.TOO_SHORT, Level.BLOCK, null, null, minLength);
    }
}
