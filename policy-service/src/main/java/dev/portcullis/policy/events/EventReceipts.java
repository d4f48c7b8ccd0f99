package dev.portcullis.policy.events;

import dev.portcullis.policy.config.PortcullisConfig;
import dev.portcullis.policy.persistence.Conflicts;
import dev.portcullis.policy.persistence.Database;
import dev.portcullis.policy.problem.ApiProblem;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * The receipts of reported event ids, per caller: kept for {@code PORTCULLIS_EVENTS_RECEIPT_DAYS}
 * days, then purged (hourly, by any replica; deleting twice does no harm).
 */
@ApplicationScoped
public class EventReceipts {

    private static final Logger LOG = Logger.getLogger(EventReceipts.class);

    private final Database database;
    private final Duration kept;

    @Inject
    public EventReceipts(Database database, PortcullisConfig config) {
        this.database = database;
        this.kept = Duration.ofDays(Math.max(1, config.events().receiptDays()));
    }

    /** Which of {@code ids} {@code source} has reported before. Call within a transaction. */
    public List<String> known(String source, Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return database.session().createQuery("select r.key.eventId from EventReceipt r where r.key.source = :source"
                + " and r.key.eventId in (:ids)", String.class)
                .setParameter("source", source).setParameterList("ids", ids).getResultList();
    }

    /**
     * Writes the receipts at once, in the caller's transaction. When another request has just written
     * one of them (the same ids sent twice at the same moment), a 409 problem: sent again, the events
     * are found as duplicates.
     */
    public void add(String source, Collection<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Session session = database.session();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try {
            for (String id : ids) {
                EventReceipt receipt = new EventReceipt();
                receipt.key = new EventReceipt.Key(source, id);
                receipt.receivedAt = now;
                session.persist(receipt);
            }
            session.flush();
        } catch (PersistenceException e) {
            if (!Conflicts.lostRace(e)) {
                throw e;
            }
            throw ApiProblem.conflict("Another request is recording an event with one of these ids at this moment."
                    + " Retry: events already recorded are then counted as duplicates.");
        }
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purgeExpired() {
        int purged = purgeReceivedBefore(Instant.now().minus(kept));
        if (purged > 0) {
            LOG.debugf("Purged %d event receipts older than %d days", purged, kept.toDays());
        }
    }

    /** Forgets the receipts received before {@code cutoff}; returns how many. */
    @Transactional
    int purgeReceivedBefore(Instant cutoff) {
        return database.session().createMutationQuery("delete from EventReceipt r where r.receivedAt < :cutoff")
                .setParameter("cutoff", cutoff).executeUpdate();
    }
}
