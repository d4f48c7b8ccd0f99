package dev.portcullis.policy.console;

import dev.portcullis.policy.audit.AuditType;
import dev.portcullis.policy.persistence.Database;
import dev.portcullis.policy.subjects.StoredFacts;
import dev.portcullis.policy.subjects.SubjectFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every subject the service has seen, with what the console counts: enrolment and the groups and
 * roles of its latest login. Never read whole: a service with the {@code mfa} scope can make up any
 * number of people with long group lists, so they are read a page at a time (keyset, by name) and
 * folded into counters.
 */
@ApplicationScoped
public class KnownSubjects {

    /** Subjects per page: at most 8,000 characters of facts each, so a page holds a few MiB at most. */
    static final int PAGE_SIZE = 1000;

    /**
     * One subject as the dashboard and the policy preview see it: their key, and ({@code name}) what to
     * call them, their login name now or else their key.
     */
    public record Known(String subject, Instant firstSeen, Instant enrolledAt, StoredFacts facts, String name) {

        public Known(String subject, Instant firstSeen, Instant enrolledAt, StoredFacts facts) {
            this(subject, firstSeen, enrolledAt, facts, subject);
        }

        public Known(String subject, Instant firstSeen, Instant enrolledAt, SubjectFacts facts) {
            this(subject, firstSeen, enrolledAt, StoredFacts.of(facts));
        }

        /** Has a second factor: TOTP here, or a security key or passkey the login flow reported. */
        public boolean enrolled() {
            return enrolledAt != null || facts.webauthn() || facts.passkey();
        }
    }

    private final Database database;
    private final int pageSize;

    @Inject
    public KnownSubjects(Database database) {
        this(database, PAGE_SIZE);
    }

    /** With pages of {@code pageSize} subjects (tests cross page boundaries with small ones). */
    KnownSubjects(Database database, int pageSize) {
        this.database = database;
        this.pageSize = pageSize;
    }

    /**
     * Hands every subject to {@code each}, in name order, one page in memory at a time: the
     * columns the console counts and nothing else.
     */
    @Transactional
    public void forEach(Consumer<Known> each) {
        String after = "";
        while (after != null) {
            List<Object[]> page = database.session().createSelectionQuery("select s.subject, s.firstSeenAt,"
                            + " s.totpEnrolledAt, s.facts, s.username from SubjectState s where s.subject > :after"
                            + " order by s.subject", Object[].class)
                    .setParameter("after", after)
                    .setMaxResults(pageSize)
                    .getResultList();
            for (Object[] row : page) {
                each.accept(new Known((String) row[0], (Instant) row[1], (Instant) row[2],
                        StoredFacts.read((String) row[3]), row[4] == null ? (String) row[0] : (String) row[4]));
            }
            after = page.size() < pageSize ? null : (String) page.get(page.size() - 1)[0];
        }
    }

    /** A person found by a search: their key (which reaches them) and their login name (null: none now). */
    public record Found(String subject, String username) {

        public String name() {
            return username != null ? username : subject;
        }
    }

    /**
     * People whose login name or key contains {@code text} (case-insensitive), by name, at most
     * {@code limit}.
     */
    @Transactional
    public List<Found> search(String text, int limit) {
        String pattern = "%" + text.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return database.session().createNativeQuery("SELECT subject, username FROM subject_state"
                        + " WHERE LOWER(COALESCE(username, subject)) LIKE ?1 ESCAPE '\\' OR LOWER(subject) LIKE ?1"
                        + " ESCAPE '\\' ORDER BY COALESCE(username, subject)", Object[].class)
                .setParameter(1, pattern)
                .setMaxResults(limit)
                .getResultStream().map(row -> new Found((String) row[0], (String) row[1])).toList();
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
