package dev.portcullis.policy.passes;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * What an admin asks for: a lifetime from 10 minutes to 24 hours (60 when absent), single-use unless
 * {@code singleUse} is false.
 */
public record PassRequest(
        @Min(value = AccessPasses.MIN_MINUTES, message = "must be between 10 and 1440 (24 hours)")
        @Max(value = AccessPasses.MAX_MINUTES, message = "must be between 10 and 1440 (24 hours)")
        Integer lifetimeMinutes,
        Boolean singleUse) {

    public int minutes() {
        return lifetimeMinutes == null ? AccessPasses.DEFAULT_MINUTES : lifetimeMinutes;
    }

    public boolean single() {
        return singleUse == null || singleUse;
    }
}
