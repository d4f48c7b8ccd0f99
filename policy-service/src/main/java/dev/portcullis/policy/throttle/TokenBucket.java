package dev.portcullis.policy.throttle;

/**
 * Pure: a token bucket of {@link Rate#count()} tokens that refills evenly over {@link Rate#period()}.
 * Each admitted request takes one; an empty bucket says how long until the next token.
 */
final class TokenBucket {

    private final int capacity;
    private final long nanosPerToken;
    private double tokens;
    private long updatedAt;
    private boolean limited;

    TokenBucket(Rate rate, long now) {
        this.capacity = rate.count();
        this.nanosPerToken = rate.nanosPerToken();
        this.tokens = capacity;
        this.updatedAt = now;
    }

    /** 0 when a token was taken, else the nanoseconds until one will be there. */
    synchronized long take(long now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            limited = false;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) * nanosPerToken);
    }

    /** True the first time a request is refused after one was admitted: one audit event per episode. */
    synchronized boolean startsEpisode() {
        boolean first = !limited;
        limited = true;
        return first;
    }

    /** Full again: nobody used it for a whole period, so it can be forgotten. */
    synchronized boolean idle(long now) {
        refill(now);
        return tokens >= capacity;
    }

    private void refill(long now) {
        long elapsed = now - updatedAt;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + (double) elapsed / nanosPerToken);
            updatedAt = now;
        }
    }
}
