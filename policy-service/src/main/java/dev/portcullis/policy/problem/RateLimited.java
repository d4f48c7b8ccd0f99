package dev.portcullis.policy.problem;

/** A 429: the caller asked too often; {@code Retry-After} says when it may ask again. */
public class RateLimited extends ApiProblem {

    private final long retryAfterSeconds;

    public RateLimited(String detail, long retryAfterSeconds) {
        super(429, detail);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
