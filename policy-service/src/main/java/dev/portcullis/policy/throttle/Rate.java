package dev.portcullis.policy.throttle;

import io.quarkus.runtime.configuration.DurationConverter;
import java.time.Duration;

/**
 * A rate as operators write it, {@code COUNT/PERIOD}: {@code 20/1H} is twenty a period of an hour,
 * all of them at once if need be, refilled evenly over the hour.
 */
public record Rate(int count, Duration period) {

    public Rate {
        if (count < 1 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a rate needs a count of at least 1 and a positive period");
        }
    }

    public static Rate parse(String key, String value) {
        int slash = value == null ? -1 : value.indexOf('/');
        try {
            if (slash < 1) {
                throw new IllegalArgumentException("no '/'");
            }
            return new Rate(Integer.parseInt(value.substring(0, slash).trim()),
                    DurationConverter.parseDuration(value.substring(slash + 1).trim()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " must be COUNT/PERIOD, e.g. 20/1H or 100/1S, not '" + value + "'");
        }
    }

    /** Nanoseconds for one token to come back. */
    long nanosPerToken() {
        return Math.max(1, period.toNanos() / count);
    }
}
