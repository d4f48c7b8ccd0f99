package dev.portcullis.policy.audit;

import dev.portcullis.policy.persistence.Database;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Moves events from the outbox into the hash chain, in batches, each batch in one transaction that
 * holds the head row's lock: ids stay dense and the chain linear across replicas, while writers
 * never wait for that lock. Runs on its own thread, woken by committed appends (then gathering for
 * {@value #GATHER_MILLIS} ms) and every 200 ms; anything left
 * by a crash is chained by the next run of any replica. Each event whose id is a multiple of
 * {@value #ANCHOR_EVERY} gets a signed {@link AuditAnchor} in the same transaction, whose creation time
 * is the recording time of the events of its batch.
 */
@ApplicationScoped
public class AuditChainer {

    static final int BATCH = 500;
    /**
     * How long a woken chainer waits for more events before it takes the head's lock: one transaction
     * for the events of a moment rather than one per append.
     */
    static final long GATHER_MILLIS = 20;
    /** An anchor is signed for every event whose id is a multiple of this: at least one per so many events. */
    public static final long ANCHOR_EVERY = 1000;
    private static final Logger LOG = Logger.getLogger(AuditChainer.class);

    private final Database database;
    private final CheckpointSigner signer;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;

    @Inject
    public AuditChainer(Database database, CheckpointSigner signer) {
        this.database = database;
        this.signer = signer;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        worker = new Thread(this::loop, "audit-chainer");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (worker != null) {
            worker.interrupt();
            worker.join(5000);
        }
        chainAll();
    }

    /** Asks for the outbox to be chained soon. */
    public void nudge() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    /** Chains everything committed to the outbox so far; returns how many events it linked. */
    public synchronized int chainAll() {
        int total = 0;
        int linked;
        do {
            linked = QuarkusTransaction.requiringNew().call(this::chainBatch);
            total += linked;
        } while (linked == BATCH);
        return total;
    }

    private void loop() {
        while (running) {
            try {
                if (wake.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                    Thread.sleep(GATHER_MILLIS);
                }
                wake.drainPermits();
                chainAll();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warnf("Chaining audit events failed (%s); retrying shortly", e.getClass().getSimpleName());
                    LOG.debug("chaining failure", e);
                }
            }
        }
    }

    private int chainBatch() {
        Session session = database.session();
        AuditHead head = session.find(AuditHead.class, AuditHead.ROW, LockModeType.PESSIMISTIC_WRITE);
        List<AuditOutboxEntry> pending = session.createQuery("from AuditOutboxEntry o order by o.id",
                AuditOutboxEntry.class).setMaxResults(BATCH).getResultList();
        Instant now = AuditChain.truncate(Instant.now());
        for (AuditOutboxEntry entry : pending) {
            AuditEvent event = new AuditEvent();
            event.id = head.lastId + 1;
            event.copyContent(entry);
            event.recordedAt = now;
            event.prevHash = head.lastHash;
            event.chainVersion = (short) AuditChain.version(event.id, head.v2From);
            event.hash = AuditChain.hash(event.chainVersion, head.lastHash, event.link());
            session.persist(event);
            if (event.id % ANCHOR_EVERY == 0) {
                session.persist(anchor(event, now));
            }
            head.lastId = event.id;
            head.lastHash = event.hash;
        }
        if (!pending.isEmpty()) {
            session.createMutationQuery("delete from AuditOutboxEntry o where o.id in (:ids)")
                    .setParameterList("ids", pending.stream().map(e -> e.id).toList()).executeUpdate();
        }
        return pending.size();
    }

    private AuditAnchor anchor(AuditEvent event, Instant now) {
        AuditAnchor anchor = new AuditAnchor();
        anchor.throughId = event.id;
        anchor.hash = event.hash;
        anchor.createdAt = now;
        anchor.signature = signer.signAnchor(event.id, event.hash, now);
        return anchor;
    }
}
