package dev.portcullis.policy.mfa;

import dev.portcullis.policy.persistence.Conflicts;
import dev.portcullis.policy.persistence.Database;
import dev.portcullis.policy.problem.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lockouts by door. Wrong codes sent through the identity provider count against the person's own
 * lockout, which every service honours: guessing there needs their password. Wrong codes sent by any
 * other service count against that service's lockout for the person, which only that service honours:
 * a compromised VPN can lock people out of the VPN (which it could refuse anyway), never out of Keycloak,
 * and guesses no faster than before (the same rule: a lock after a few failures, each lock in a row
 * twice as long).
 */
@ApplicationScoped
public class ServiceLockouts {

    private final Database database;

    @Inject
    public ServiceLockouts(Database database) {
        this.database = database;
    }

    /** When {@code service}'s lock on {@code subject} ends, if it is locked now. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Instant> lockedUntil(String subject, String service, Instant now) {
        ServiceLockout row = database.session().find(ServiceLockout.class, new ServiceLockout.Key(subject, service));
        return row != null && row.lockedAt(now) ? Optional.of(row.lockedUntil) : Optional.empty();
    }

    /**
     * The service's counters for the person, locked for this transaction (made when there are none yet), so
     * that its requests for the person are compared one at a time; a 423 while it has them locked out.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    ServiceLockout held(String subject, String service, Instant now) {
        ServiceLockout.Key key = new ServiceLockout.Key(subject, service);
        ServiceLockout row = database.session().find(ServiceLockout.class, key, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            row = new ServiceLockout();
            row.subject = subject;
            row.service = service;
            try {
                database.session().persist(row);
                database.session().flush();
            } catch (PersistenceException e) {
                if (!Conflicts.lostRace(e)) {
                    throw e;
                }
                // nothing was compared yet: the request tells nothing, and is sent again
                throw ApiProblem.conflict("Another request is counting codes for '" + subject + "' at this moment."
                        + " Retry.");
            }
        }
        if (row.lockedAt(now)) {
            throw new ApiProblem(423, "'" + subject + "' is locked at " + service + " after too many failed"
                    + " attempts there until " + row.lockedUntil + ". An admin can unlock it sooner.");
        }
        return row;
    }

    /** An admin's unlock: every service's lock on the person ends (their runs stand, as the person's own). */
    @Transactional(Transactional.TxType.MANDATORY)
    void unlockAll(String subject) {
        database.session().createMutationQuery("update ServiceLockout l set l.failedAttempts = 0,"
                + " l.lockedUntil = null where l.subject = :subject").setParameter("subject", subject).executeUpdate();
    }

    /** The services that have the person locked out now, with when each lock ends. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, Instant> active(String subject, Instant now) {
        List<ServiceLockout> rows = database.session().createSelectionQuery("from ServiceLockout l"
                + " where l.subject = :subject and l.lockedUntil > :now order by l.service", ServiceLockout.class)
                .setParameter("subject", subject).setParameter("now", now).getResultList();
        Map<String, Instant> locks = new LinkedHashMap<>();
        rows.forEach(row -> locks.put(row.service, row.lockedUntil));
        return locks;
    }
}
