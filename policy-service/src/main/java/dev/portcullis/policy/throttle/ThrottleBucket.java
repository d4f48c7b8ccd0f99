package dev.portcullis.policy.throttle;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A bucket as stored: one row per key, shared by every replica. */
@Entity
@Table(name = "throttle_bucket")
class ThrottleBucket {

    @Id
    @Column(name = "bucket_key", length = 400)
    String key;

    @Column(name = "tokens", nullable = false)
    double tokens;

    /** Nanoseconds since the epoch. */
    @Column(name = "updated_at", nullable = false)
    long updatedAt;

    @Column(name = "limited", nullable = false)
    boolean limited;

    /** Nanoseconds since the epoch when the bucket is full again: after that the row can go. */
    @Column(name = "full_at", nullable = false)
    long fullAt;

    Bucket state() {
        return new Bucket(tokens, updatedAt, limited);
    }

    void set(Bucket bucket, Rate rate) {
        tokens = bucket.tokens();
        updatedAt = bucket.updatedAt();
        limited = bucket.limited();
        fullAt = bucket.fullAt(rate);
    }
}
