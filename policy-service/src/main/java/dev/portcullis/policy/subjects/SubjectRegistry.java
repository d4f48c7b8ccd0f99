package dev.portcullis.policy.subjects;

import dev.portcullis.policy.persistence.Database;
import dev.portcullis.policy.problem.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

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
        String subject = Subjects.normalise(raw);
        if (subject.isEmpty() || subject.length() > Subjects.MAX_LENGTH) {
            throw ApiProblem.invalidField(field, "must be 1-" + Subjects.MAX_LENGTH + " characters");
        }
        if (subject.chars().anyMatch(Character::isISOControl)) {
            throw ApiProblem.invalidField(field, "must not contain control characters");
        }
        return subject;
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
            if (state.boundAt == null && (facts.webauthn() || facts.passkey())) {
                bound(state);
            }
            if (state.passBindingUntil != null && (facts.webauthn() && !before.webauthn()
                    || facts.passkey() && !before.passkey())) {
                set(state.subject, "passBindingUntil", null); // a pass binds one factor: this key was it
                state.passBindingUntil = null;
            }
        }
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
     * passkey: the console's coverage counts it now, and a removal ends any grace.
     */
    public void keyChanged(String subject, boolean passkeyKind, boolean present, Instant at) {
        SubjectState state = seen(subject);
        remember(state, SubjectFacts.parse(state.facts).withKey(passkeyKind, present));
        if (!present) {
            factorRemoved(state, at);
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
        SubjectState state = new SubjectState();
        state.subject = subject;
        state.firstSeenAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        database.session().persist(state);
        database.session().flush();
    }
}
