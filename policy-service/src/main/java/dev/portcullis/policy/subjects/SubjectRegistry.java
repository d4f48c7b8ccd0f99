package dev.portcullis.policy.subjects;

import dev.portcullis.policy.persistence.Conflicts;
import dev.portcullis.policy.persistence.Database;
import dev.portcullis.policy.problem.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.hibernate.Session;

/** Finds subjects, and records when each was first seen (the start of its grace period). */
@ApplicationScoped
public class SubjectRegistry {

    private final Database database;

    @Inject
    public SubjectRegistry(Database database) {
        this.database = database;
    }

    /** A subject named in a request path or body: normalised, or a 400 naming the field. */
    public static String parse(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiProblem.invalidField(field, "is required");
        }
        return bounded(field, Subjects.normalise(raw));
    }

    /**
     * A name or an id of a person as stored: 1 to {@value Subjects#MAX_LENGTH} characters without control
     * characters, or a 400 naming the field.
     */
    public static String bounded(String field, String value) {
        if (value.isEmpty() || value.length() > Subjects.MAX_LENGTH) {
            throw ApiProblem.invalidField(field, "must be 1-" + Subjects.MAX_LENGTH + " characters");
        }
        refuseControls(field, value);
        return value;
    }

    /**
     * A text stored as it is must hold no control character (U+0000-U+001F, U+007F-U+009F): PostgreSQL
     * cannot store a NUL at all, and a log or a terminal must not be steered by what a request said.
     */
    public static void refuseControls(String field, String value) {
        if (value != null && value.chars().anyMatch(Character::isISOControl)) {
            throw ApiProblem.invalidField(field, "must not contain control characters");
        }
    }

    /**
     * The subject's state, recording its first sighting if this is it. Safe when replicas race to
     * do so: the first insert wins and its first-seen time stands.
     */
    public SubjectState seen(String subject) {
        Optional<SubjectState> known = find(subject);
        if (known.isPresent()) {
            return known.get();
        }
        try {
            insert(subject);
        } catch (RuntimeException raced) {
            if (find(subject).isEmpty()) {
                if (Conflicts.lostRace(raced)) {
                    throw ApiProblem.conflict("Another request is naming '" + subject + "' at this moment. Retry.");
                }
                throw raced;
            }
        }
        return find(subject).orElseThrow();
    }

    /** A plain read: joins the caller's transaction if there is one, else reads without starting one. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<SubjectState> find(String subject) {
        return Optional.ofNullable(database.session().find(SubjectState.class, subject));
    }

    /** The subject, or a 404 problem that names it. Call within a transaction. */
    public SubjectState require(String subject) {
        return find(subject).orElseThrow(() -> ApiProblem.notFound("No subject '" + subject
                + "' is known here yet: it appears with its first login decision or enrolment."));
    }

    /**
     * Stores what the latest login decision said about the subject, only when it changed; a key or
     * passkey reported for the first time marks the subject bound ({@link SubjectState#boundAt}).
     */
    public void remember(SubjectState state, SubjectFacts facts) {
        if (changes(state, facts)) {
            SubjectFacts before = SubjectFacts.parse(state.facts);
            String json = facts.toJson();
            update(state.subject, json);
            state.facts = json;
            if (bindsFirst(state, facts)) {
                bound(state);
            }
            if (usesPass(state, before, facts)) {
                set(state.subject, "passBindingUntil", null); // a pass binds one factor: this key was it
                state.passBindingUntil = null;
            }
        }
    }

    /** Whether {@code facts} give a subject that never had a second factor its first. */
    private static boolean bindsFirst(SubjectState state, SubjectFacts facts) {
        return state.boundAt == null && (facts.webauthn() || facts.passkey());
    }

    /** Whether {@code facts} add a key while an access pass lets one factor be bound: that key was it. */
    private static boolean usesPass(SubjectState state, SubjectFacts before, SubjectFacts facts) {
        return state.passBindingUntil != null && (facts.webauthn() && !before.webauthn()
                || facts.passkey() && !before.passkey());
    }

    /** The subject has a second factor: from now on, the password alone never binds another. */
    private void bound(SubjectState state) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        setOnce(state.subject, "boundAt", now);
        state.boundAt = now;
    }

    /** The subject is protected by four eyes from now on ({@link SubjectState#protectedAt}). */
    public void markProtected(SubjectState state, Instant at) {
        setOnce(state.subject, "protectedAt", at);
        state.protectedAt = at;
    }

    /** Whether {@link #remember} would write. */
    public static boolean changes(SubjectState state, SubjectFacts facts) {
        return !facts.toJson().equals(state.facts);
    }

    /** A key or passkey is gone: no grace until an accepted factor is proven again. */
    public void factorRemoved(SubjectState state, Instant at) {
        set(state.subject, "factorRemovedAt", at);
        state.factorRemovedAt = at;
    }

    /** An accepted factor was proven: grace periods apply to this subject again. */
    public void factorRestored(SubjectState state) {
        if (state.factorRemovedAt != null) {
            set(state.subject, "factorRemovedAt", null);
            state.factorRemovedAt = null;
        }
    }

    /**
     * Keycloak reported that the subject registered ({@code present}) or removed a security key or
     * passkey: the console's coverage counts it now, and a removal ends any grace. In the caller's
     * transaction, which it requires, so that the change commits with the event that reports it or not at
     * all. The subject's row is locked before it is read, so what is written back is never older than
     * what another writer committed (callers that change several subjects take them in one order, so two
     * never wait for each other in a circle); a first sighting is inserted here too. A lock or an insert
     * lost to another request is a 409 problem (sent again, the change applies).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void keyChanged(String subject, boolean passkeyKind, boolean present, Instant at) {
        Session session = database.session();
        try {
            SubjectState state = session.find(SubjectState.class, subject, LockModeType.PESSIMISTIC_WRITE);
            if (state == null) {
                state = SubjectState.unknown(subject, Instant.now().truncatedTo(ChronoUnit.MILLIS));
                session.persist(state);
            }
            SubjectFacts before = SubjectFacts.parse(state.facts);
            SubjectFacts facts = before.withKey(passkeyKind, present);
            if (changes(state, facts)) {
                if (bindsFirst(state, facts)) {
                    state.boundAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                }
                if (usesPass(state, before, facts)) {
                    state.passBindingUntil = null;
                }
                state.facts = facts.toJson();
            }
            if (!present) {
                state.factorRemovedAt = at;
            }
            session.flush();
        } catch (PersistenceException e) {
            if (!Conflicts.lostRace(e)) {
                throw e;
            }
            throw ApiProblem.conflict("Another request is changing '" + subject + "' at this moment. Retry:"
                    + " nothing of this request was kept.");
        }
    }

    /** Sets one of the subject's moments ({@code field}: a name from this class, never from a request). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void set(String subject, String field, Instant at) {
        database.session().createMutationQuery("UPDATE SubjectState s SET s." + field + " = :at WHERE s.subject = :subject")
                .setParameter("at", at).setParameter("subject", subject).executeUpdate();
    }

    /** Sets one of the subject's moments unless it is set already: the first one stands, across replicas. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void setOnce(String subject, String field, Instant at) {
        database.session().createMutationQuery("UPDATE SubjectState s SET s." + field + " = :at"
                + " WHERE s.subject = :subject AND s." + field + " IS NULL")
                .setParameter("at", at).setParameter("subject", subject).executeUpdate();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void update(String subject, String facts) {
        database.session().createMutationQuery("UPDATE SubjectState s SET s.facts = :facts WHERE s.subject = :subject")
                .setParameter("facts", facts).setParameter("subject", subject).executeUpdate();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void insert(String subject) {
        database.session().persist(SubjectState.unknown(subject, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        database.session().flush();
    }
}
