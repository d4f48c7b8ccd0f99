package dev.portcullis.policy.throttle;

/** Where buckets live. Production keeps them in the database, so that every replica takes from the same ones. */
interface BucketStore {

    /**
     * Takes up to {@code want} tokens from the bucket {@code key}, which starts full, or none if fewer than
     * {@code least} are there.
     */
    Bucket.Take take(String key, Rate rate, int want, int least, long now);
}
