package dev.portcullis.policy.credentials;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.portcullis.policy.policies.Level;
import java.util.List;

/**
 * One reason a password is weak, and how the policy treats it ({@code warn} or {@code block}), with a
 * {@code reason} a person understands: {@code REUSED} and {@code VARIANT_REUSED} name the other services
 * (to the identity provider only: any other caller learns that the password is in use elsewhere, not
 * where); {@code BREACHED} gives how often the corpus saw it (null for the built-in list, which has no
 * counts); {@code TOO_SHORT} the minimum.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(Type type, Level level, List<String> services, Long count, Integer minLength, String reason) {

    public enum Type {
        @JsonProperty("REUSED") REUSED,
        @JsonProperty("VARIANT_REUSED") VARIANT_REUSED,
        @JsonProperty("BREACHED") BREACHED,
        @JsonProperty("TOO_SHORT") TOO_SHORT
    }

    static Finding reused(Level level, List<String> services) {
        return new Finding(Type.REUSED, level, services, null, null, "This password is already used for "
                + String.join(", ", services) + ".");
    }

    static Finding variantReused(Level level, List<String> services) {
        return new Finding(Type.VARIANT_REUSED, level, services, null, null, "A password like this one, differing"
                + " only in a few characters, is already used for " + String.join(", ", services) + ".");
    }

    /** For the reuse report: which services share a password (or passwords alike), with no verdict. */
    static Finding sharedBy(Type type, List<String> services) {
        return new Finding(type, null, services, null, null, null);
    }

    static Finding breached(Level level, Long count) {
        return new Finding(Type.BREACHED, level, null, count, null, "This password appears in published breaches,"
                + " so attackers try it first.");
    }

    static Finding tooShort(int minLength) {
        return new Finding(Type.TOO_SHORT, Level.BLOCK, null, null, minLength, "This password is shorter than "
                + minLength + " characters.");
    }

    /** The finding as a service that is not the identity provider may learn it: no service named. */
    Finding withoutServices() {
        return switch (type) {
            case REUSED -> new Finding(type, level, null, null, null, "This password is already used for another"
                    + " company account.");
            case VARIANT_REUSED -> new Finding(type, level, null, null, null, "A password like this one is already"
                    + " used for another company account.");
            default -> this;
        };
    }
}
