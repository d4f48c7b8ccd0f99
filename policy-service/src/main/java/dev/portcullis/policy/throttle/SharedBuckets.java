package dev.portcullis.policy.throttle;

import dev.portcullis.policy.persistence.Conflicts;
import dev.portcullis.policy.persistence.Database;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

/**
 * Buckets in the database: each take locks its row for the length of a short transaction of its own,
 * so that replicas (and the autoscaler's new ones) share one limit instead of multiplying it. A bucket
 * full again is deleted, so made-up names leave nothing behind for long.
 */
@ApplicationScoped
public class SharedBuckets implements BucketStore {

    /** A take that lost a race (two replicas creating one bucket, a lock timeout) is tried again. */
    static final int ATTEMPTS = 3;

    private final Database database;

    @Inject
    public SharedBuckets(Database database) {
        this.database = database;
    }

    @Override
    public Bucket.Take take(String key, Rate rate, int want, int least, long now) {
        for (int attempt = 1;; attempt++) {
            try {
                return takeOnce(key, rate, want, least, now);
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !Conflicts.lostRace(e)) {
                    throw e;
                }
            }
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Bucket.Take takeOnce(String key, Rate rate, int want, int least, long now) {
        Session session = database.session();
        ThrottleBucket row = session.find(ThrottleBucket.class, key, LockModeType.PESSIMISTIC_WRITE);
        boolean created = row == null;
        if (created) {
            row = new ThrottleBucket();
            row.key = key;
        }
        Bucket.Take take = (created ? Bucket.full(rate, now) : row.state()).take(rate, want, least, now);
        row.set(take.after(), rate);
        if (created) {
            session.persist(row);
        }
        session.flush();
        return take;
    }

    /** Forgets the buckets that are full again: they hold nothing a fresh one would not. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    public void forgetFullBuckets() {
        forgetFull(Throttle.wallClockNanos());
    }

    @Transactional
    int forgetFull(long now) {
        return database.session().createMutationQuery("DELETE FROM ThrottleBucket b WHERE b.fullAt <= :now")
                .setParameter("now", now).executeUpdate();
    }
}
