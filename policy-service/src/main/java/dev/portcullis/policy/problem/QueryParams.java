package dev.portcullis.policy.problem;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Query parameters parsed by hand, so that a bad one is a 400 naming it (JAX-RS would answer 404). */
public final class QueryParams {

    private QueryParams() {
    }

    public static Optional<Instant> instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value.trim()));
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField(name, "must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        }
    }

    /** A whole number from {@code min} to {@code max}; {@code fallback} when absent (null: required). */
    public static int integer(String name, String value, Integer fallback, int min, int max) {
        String range = "must be a whole number from " + min + " to " + max;
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                throw ApiProblem.invalidField(name, range);
            }
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiProblem.invalidField(name, range);
    }
}
