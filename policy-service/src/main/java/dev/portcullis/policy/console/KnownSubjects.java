package dev.portcullis.policy.console;

import dev.portcullis.policy.audit.AuditType;
import dev.portcullis.policy.persistence.Database;
import dev.portcullis.policy.subjects.SubjectFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Every subject the service has seen, with what the console counts: enrolment, lock and the
 * groups and roles of its latest login. Read whole: a company's staff, not its customers.
 */
@ApplicationScoped
public class KnownSubjects {

    /** One subject as the dashboard and the policy preview see it. */
    public record Known(String subject, Instant firstSeen, Instant enrolledAt, Instant lockedUntil,
            SubjectFacts facts) {

        /** Has a second factor: TOTP here, or a security key or passkey the login flow reported. */
        public boolean enrolled() {
            return enrolledAt != null || facts.webauthn() || facts.passkey();
        }
    }

    private final Database database;

    @Inject
    public KnownSubjects(Database database) {
        this.database = database;
    }

    @Transactional
    public List<Known> all() {
        return database.session().createQuery("select s.subject, s.firstSeenAt, s.totpEnrolledAt, s.lockedUntil,"
                        + " s.facts from SubjectState s order by s.subject", Object[].class)
                .getResultStream()
                .map(row -> new Known((String) row[0], (Instant) row[1], (Instant) row[2], (Instant) row[3],
                        SubjectFacts.parse((String) row[4])))
                .toList();
    }

    /** Subjects whose name contains {@code text} (case-insensitive), alphabetically, at most {@code limit}. */
    @Transactional
    public List<String> search(String text, int limit) {
        String pattern = "%" + text.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return database.session().createNativeQuery("SELECT subject FROM subject_state WHERE LOWER(subject) LIKE ?1"
                        + " ESCAPE '\\' ORDER BY subject", String.class)
                .setParameter(1, pattern)
                .setMaxResults(limit)
                .getResultList();
    }

    @Transactional
    public long lockoutsSince(Instant since) {
        // the recording time: a reported event's own time can be anything its sender wrote
        return ((Number) database.session().createNativeQuery("SELECT COUNT(*) FROM audit_event"
                        + " WHERE event_type = ?1 AND recorded_at >= ?2", Object.class)
                .setParameter(1, AuditType.MFA_LOCKED.id())
                .setParameter(2, Timestamp.from(since))
                .getSingleResult()).longValue();
    }
}
