package dev.portcullis.policy.policies;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a password finding is enforced. Ordered from lenient to strict. */
public enum Level {
    @JsonProperty("off") OFF,
    @JsonProperty("warn") WARN,
    @JsonProperty("block") BLOCK;

    public static Level strictest(Level a, Level b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
