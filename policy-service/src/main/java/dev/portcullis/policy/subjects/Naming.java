package dev.portcullis.policy.subjects;

import dev.portcullis.policy.audit.AuditLog;
import dev.portcullis.policy.audit.AuditRecord;
import dev.portcullis.policy.audit.AuditType;
import dev.portcullis.policy.audit.Outcome;
import dev.portcullis.policy.persistence.Conflicts;
import dev.portcullis.policy.persistence.Database;
import dev.portcullis.policy.problem.ApiProblem;
import dev.portcullis.policy.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Which stored person a login name means. The identity provider names each person by an immutable id
 * and their current login name; everything else knows only the name. A person's key (the
 * {@code subject} of every table) is fixed when their row is made, so a rename moves only the name,
 * and a new account that takes an old name gets a row of its own.
 */
@ApplicationScoped
public class Naming {

    /**
     * How much younger than a stored person an account may be and still adopt them: the clocks of the
     * identity provider and this service may differ by this much.
     */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(10);

    private final Database database;
    private final AuditLog audit;

    @Inject
    public Naming(Database database, AuditLog audit) {
        this.database = database;
        this.audit = audit;
    }

    /**
     * The key of the person the identity provider calls {@code id}, now named {@code name}: made,
     * renamed or matched to a person stored before ids, as needed. Reads only when nothing changed.
     *
     * @param created when the identity provider made the account, or null if it did not say
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public String identify(String name, String id, Instant created, Caller caller) {
        Optional<SubjectState> known = byId(id);
        if (known.isPresent() && name.equals(known.get().username)) {
            return known.get().subject;
        }
        try {
            return change(name, id, created, caller);
        } catch (RuntimeException raced) {
            if (!Conflicts.lostRace(raced)) {
                throw raced;
            }
            try {
                return change(name, id, created, caller); // the other request's change is visible now
            } catch (RuntimeException again) {
                if (!Conflicts.lostRace(again)) {
                    throw again;
                }
                throw ApiProblem.conflict("Another request is naming '" + name + "' at this moment. Retry.");
            }
        }
    }

    /**
     * The key of the person an event of the identity provider is about ({@code id}, named {@code name}
     * when the event happened). An event may arrive long after it happened, so it never moves a name: a
     * person it finds by id keeps theirs, and a person it makes takes the name only if nobody has it.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public String attribute(String name, String id, Instant created, Caller caller) {
        Optional<SubjectState> known = byId(id);
        if (known.isPresent()) {
            return known.get().subject;
        }
        try {
            return make(name, id, created, caller);
        } catch (RuntimeException raced) {
            if (!Conflicts.lostRace(raced)) {
                throw raced;
            }
            throw ApiProblem.conflict("Another request is naming '" + name + "' at this moment. Retry.");
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    String make(String name, String id, Instant created, Caller caller) {
        SubjectState holder = locked("username", name);
        if (holder != null && holder.keycloakId == null && adoptable(holder, created)) {
            return adopt(holder, name, id, caller);
        }
        return fresh(name, holder == null ? name : null, id);
    }

    /**
     * The key of the person {@code name} means: for a service ({@code asKey} false), the person who has
     * that login name now; for an admin ({@code asKey} true), the person whose key it is (the subject the
     * audit log names them by, whatever they are called now), else the one who has that name. Empty if
     * neither.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<String> lookup(String name, boolean asKey) {
        if (asKey && keyTaken(name)) {
            return Optional.of(name);
        }
        return byName(name).map(state -> state.subject);
    }

    /** The key of the person the identity provider calls {@code id}, if they are stored. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<String> keyOf(String id) {
        return byId(id).map(state -> state.subject);
    }

    /** Whether some person's key is {@code key} (whatever their name is now). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean keyTaken(String key) {
        return database.session().find(SubjectState.class, key) != null;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    String change(String name, String id, Instant created, Caller caller) {
        Session session = database.session();
        SubjectState mine = locked("keycloakId", id);
        SubjectState holder = locked("username", name);
        if (holder != null && holder != mine) {
            if (mine == null && holder.keycloakId == null && adoptable(holder, created)) {
                return adopt(holder, name, id, caller);
            }
            holder.username = null;
            session.flush(); // the name is free before anyone takes it
            audit.append(AuditRecord.of(caller, AuditType.SUBJECT_NAME_RELEASED, holder.subject, Outcome.SUCCESS,
                    Map.of("username", name, "reason", mine == null ? "a newer account has this name"
                            : "another account was renamed to this name")));
        }
        if (mine != null) {
            String before = mine.username;
            if (name.equals(before)) {
                return mine.subject; // another request renamed them first
            }
            mine.username = name;
            session.flush();
            audit.append(AuditRecord.of(caller, AuditType.SUBJECT_RENAMED, mine.subject, Outcome.SUCCESS,
                    before == null ? Map.of("to", name) : Map.of("from", before, "to", name)));
            return mine.subject;
        }
        return fresh(name, name, id);
    }

    /** A person stored before ids is the identity provider's {@code id}. */
    private String adopt(SubjectState holder, String name, String id, Caller caller) {
        holder.keycloakId = id;
        database.session().flush();
        audit.append(AuditRecord.of(caller, AuditType.SUBJECT_IDENTIFIED, holder.subject, Outcome.SUCCESS,
                Map.of("username", name)));
        return holder.subject;
    }

    /** A new person, first seen now, named {@code username} (null: nobody is, until named live). */
    private String fresh(String name, String username, String id) {
        SubjectState fresh = SubjectState.unknown(freeKey(name, id), Instant.now().truncatedTo(ChronoUnit.MILLIS));
        fresh.username = username;
        fresh.keycloakId = id;
        database.session().persist(fresh);
        database.session().flush();
        return fresh.subject;
    }

    /**
     * Whether a person stored before ids (first seen at {@code holder.firstSeenAt}) can be the account made
     * at {@code created}: not if the account is younger than the row, which then belonged to an earlier
     * account of the same name.
     */
    static boolean adoptable(SubjectState holder, Instant created) {
        return created == null || !created.isAfter(holder.firstSeenAt.plus(CLOCK_SKEW));
    }

    /**
     * The name itself when no person has it as key; else the name and the id; else a random key. Lower
     * case, as admins type them.
     */
    private String freeKey(String name, String id) {
        String lower = id.toLowerCase(Locale.ROOT);
        for (String key : new String[] {name, name + "~" + lower, "~" + lower}) {
            if (key.length() <= Subjects.MAX_LENGTH && !keyTaken(key)) {
                return key;
            }
        }
        return "~" + UUID.randomUUID();
    }

    private SubjectState locked(String field, String value) {
        return database.session().createSelectionQuery("from SubjectState s where s." + field + " = :value",
                SubjectState.class).setParameter("value", value).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst().orElse(null);
    }

    private Optional<SubjectState> byId(String id) {
        return database.session().createSelectionQuery("from SubjectState s where s.keycloakId = :id",
                SubjectState.class).setParameter("id", id).getResultStream().findFirst();
    }

    private Optional<SubjectState> byName(String name) {
        return database.session().createSelectionQuery("from SubjectState s where s.username = :name",
                SubjectState.class).setParameter("name", name).getResultStream().findFirst();
    }
}
