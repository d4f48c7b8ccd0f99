package dev.portcullis.policy.throttle;

/**
 * Pure: a token bucket's state. It holds at most {@link Rate#count()} tokens and refills evenly over
 * {@link Rate#period()}; {@code updatedAt} is in nanoseconds of a clock that every replica shares (the
 * wall clock), and {@code limited} says that the last request was refused, so that an episode of
 * refusals is reported once.
 */
record Bucket(double tokens, long updatedAt, boolean limited) {

    static Bucket full(Rate rate, long now) {
        return new Bucket(rate.count(), now, false);
    }

    /** Takes up to {@code want} tokens at {@code now}, or none if fewer than {@code least} are there. */
    Take take(Rate rate, int want, int least, long now) {
        double refilled = refilledAt(rate, now);
        long at = Math.max(now, updatedAt); // a replica whose clock is behind never takes tokens back
        int granted = (int) Math.min(want, Math.floor(refilled));
        if (granted >= least) {
            return new Take(new Bucket(refilled - granted, at, false), granted, 0, false);
        }
        long wait = (long) Math.ceil((least - refilled) * rate.nanosPerToken());
        return new Take(new Bucket(refilled, at, true), 0, Math.max(1, wait), !limited);
    }

    /** The tokens at {@code now}. */
    double refilledAt(Rate rate, long now) {
        long elapsed = now - updatedAt;
        return elapsed <= 0 ? tokens : Math.min(rate.count(), tokens + (double) elapsed / rate.nanosPerToken());
    }

    /** When the bucket will be full again if nobody takes from it: then it can be forgotten. */
    long fullAt(Rate rate) {
        return updatedAt + (long) Math.ceil((rate.count() - tokens) * rate.nanosPerToken());
    }

    /**
     * What a take gave: {@code granted} tokens (0: refused, come back in {@code waitNanos}), and whether this
     * refusal starts an episode (the first after an admitted request).
     */
    record Take(Bucket after, int granted, long waitNanos, boolean episodeStarts) {
    }
}
