package dev.portcullis.policy.audit;

import com.fasterxml.jackson.annotation.JsonValue;

public enum Outcome {
    SUCCESS, FAILURE;

    @JsonValue
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
