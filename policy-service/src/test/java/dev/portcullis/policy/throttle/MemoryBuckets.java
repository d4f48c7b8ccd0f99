package dev.portcullis.policy.throttle;

import java.util.HashMap;
import java.util.Map;

/** Buckets in a map, for tests of the throttle's own rules: the same {@link Bucket} arithmetic as the database's. */
final class MemoryBuckets implements BucketStore {

    private final Map<String, Bucket> buckets = new HashMap<>();

    @Override
    public synchronized Bucket.Take take(String key, Rate rate, int want, int least, long now) {
        Bucket.Take take = buckets.getOrDefault(key, Bucket.full(rate, now)).take(rate, want, least, now);
        buckets.put(key, take.after());
        return take;
    }
}
