package dev.portcullis.policy.subjects;

import dev.portcullis.policy.audit.AuditLog;
import dev.portcullis.policy.audit.AuditRecord;
import dev.portcullis.policy.audit.AuditType;
import dev.portcullis.policy.audit.Outcome;
import dev.portcullis.policy.config.PortcullisConfig;
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

    /** Who has a name now: its holder, or a row a replica of an earlier release stored under it. */
    private static final String HOLDER = "from SubjectState s where s.username = :value or (s.username is null"
            + " and s.keycloakId is null and s.usernameReleasedAt is null and s.subject = :value)"
            + " order by case when s.username is null then 1 else 0 end";

    /** Whom the identity provider says a call is about. {@code created} and {@code realm} may be null. */
    public record Account(String name, String id, Instant created, String realm) {
    }

    private final Database database;
    private final AuditLog audit;
    private final Optional<String> legacyRealm;

    @Inject
    public Naming(Database database, AuditLog audit, PortcullisConfig config) {
        this.database = database;
        this.audit = audit;
        this.legacyRealm = config.people().legacyRealm();
    }

    /**
     * The key of the person the identity provider calls {@code account.id()}, now named
     * {@code account.name()}: made, renamed or matched to a person stored before ids, as needed. Reads
     * only when nothing changed.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public String identify(Account account, Caller caller) {
        SubjectState known = byId(account.id(), LockModeType.NONE);
        if (known != null && (account.name().equals(known.username)
                || known.username == null && clashes(holder(account.name(), LockModeType.NONE), account))) {
            return known.subject; // nothing to change (a name another realm has stays theirs)
        }
        try {
            return change(account, caller);
        } catch (RuntimeException raced) {
            if (!Conflicts.lostRace(raced)) {
                throw raced;
            }
            try {
                return change(account, caller); // the other request's change is visible now
            } catch (RuntimeException again) {
                if (!Conflicts.lostRace(again)) {
                    throw again;
                }
                throw ApiProblem.conflict("Another request is naming '" + account.name() + "' at this moment. Retry.");
            }
        }
    }

    /**
     * Whom an event is about: the key its audit record goes under, and whether it may change that person's
     * state or tell them ({@code acts}).
     */
    public record Attribution(String key, boolean acts) {
    }

    /**
     * Whom an event is about, without naming or matching anyone: an event can arrive long after it
     * happened. With an id: the person stored under it; else, when the name is nobody's name nor key, that
     * name for the audit log only (no row is made from it: a younger account might adopt it); else nobody
     * (a row under the name may be another account's). Without an id (another service's event, or an
     * extension's from before ids), by name: the name's holder, or the name when it is nobody's name nor
     * key. Empty when it cannot be told: such an event changes no one.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Attribution> attribute(String name, String id) {
        if (id != null) {
            SubjectState known = byId(id, LockModeType.NONE);
            if (known != null) {
                return Optional.of(new Attribution(known.subject, true));
            }
        }
        SubjectState holder = holder(name, LockModeType.NONE);
        if (holder != null) {
            return id == null ? Optional.of(new Attribution(holder.subject, true)) : Optional.empty();
        }
        return keyTaken(name) ? Optional.empty() : Optional.of(new Attribution(name, id == null));
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
        return Optional.ofNullable(holder(name, LockModeType.NONE)).map(state -> state.subject);
    }

    /** The key of the person the identity provider calls {@code id}, if they are stored. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<String> keyOf(String id) {
        return Optional.ofNullable(byId(id, LockModeType.NONE)).map(state -> state.subject);
    }

    /**
     * The login name now of the person whose key is {@code key}: empty when nobody's key is that, an empty
     * string when that person has no name now.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<String> nameOfKey(String key) {
        return Optional.ofNullable(database.session().find(SubjectState.class, key))
                .map(state -> state.nameNow() == null ? "" : state.nameNow());
    }

    /** Whether some person's key is {@code key} (whatever their name is now). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean keyTaken(String key) {
        return database.session().find(SubjectState.class, key) != null;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    String change(Account account, Caller caller) {
        String name = account.name();
        SubjectState mine = byId(account.id(), LockModeType.PESSIMISTIC_WRITE);
        SubjectState holder = holder(name, LockModeType.PESSIMISTIC_WRITE);
        boolean clash = holder != null && holder != mine && clashes(holder, account);
        if (holder != null && holder != mine && !clash) {
            if (mine == null && holder.keycloakId == null && adoptable(holder, account.created())) {
                return adopt(holder, account, caller);
            }
            release(holder, mine == null ? "a newer account has this name" : "another account was renamed to it",
                    caller);
        }
        if (clash) {
            audit.append(AuditRecord.of(caller, AuditType.SUBJECT_NAME_CLASH, holder.subject, Outcome.FAILURE,
                    Map.of("username", name, "realm", String.valueOf(holder.realm), "otherRealm", account.realm())));
        }
        String nameNow = clash ? null : name;
        if (mine != null) {
            return rename(mine, nameNow, account.realm(), caller);
        }
        return fresh(name, nameNow, account);
    }

    /**
     * Whether the name's holder is an account of another realm than {@code account}'s: then the name stays
     * theirs (one realm's sign-up must not take over another realm's person at every service). A person
     * stored before ids is of the configured legacy realm, if there is one.
     */
    private boolean clashes(SubjectState holder, Account account) {
        if (holder == null || account.realm() == null || account.id().equals(holder.keycloakId)) {
            return false;
        }
        String realm = holder.realm != null ? holder.realm : holder.keycloakId == null ? legacyRealm.orElse(null) : null;
        return realm != null && !realm.equals(account.realm());
    }

    /**
     * Whether a person stored before ids (first seen at {@code holder.firstSeenAt}) can be the account made
     * at {@code created}: not if the account is younger than the row, which then belonged to an earlier
     * account of the same name.
     */
    static boolean adoptable(SubjectState holder, Instant created) {
        return created == null || !created.isAfter(holder.firstSeenAt.plus(CLOCK_SKEW));
    }

    /** A person stored before ids is the identity provider's account. */
    private String adopt(SubjectState holder, Account account, Caller caller) {
        holder.keycloakId = account.id();
        holder.realm = account.realm();
        holder.username = account.name(); // a row an earlier release's replica stored had none
        database.session().flush();
        audit.append(AuditRecord.of(caller, AuditType.SUBJECT_IDENTIFIED, holder.subject, Outcome.SUCCESS,
                Map.of("username", account.name())));
        return holder.subject;
    }

    /** The name leaves its holder (their state stays theirs), before anyone takes it. */
    private void release(SubjectState holder, String reason, Caller caller) {
        String name = holder.nameNow();
        holder.username = null;
        holder.usernameReleasedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        database.session().flush();
        audit.append(AuditRecord.of(caller, AuditType.SUBJECT_NAME_RELEASED, holder.subject, Outcome.SUCCESS,
                Map.of("username", name, "reason", reason)));
    }

    private String rename(SubjectState mine, String name, String realm, Caller caller) {
        String before = mine.username;
        mine.realm = realm == null ? mine.realm : realm;
        if (name == null ? before == null : name.equals(before)) {
            database.session().flush();
            return mine.subject; // another request renamed them first
        }
        mine.username = name;
        mine.usernameReleasedAt = name == null ? Instant.now().truncatedTo(ChronoUnit.MILLIS) : null;
        database.session().flush();
        if (name != null) {
            audit.append(AuditRecord.of(caller, AuditType.SUBJECT_RENAMED, mine.subject, Outcome.SUCCESS,
                    before == null ? Map.of("to", name) : Map.of("from", before, "to", name)));
        }
        return mine.subject;
    }

    /** A new person, first seen now, named {@code username} (null: another realm's person has the name). */
    private String fresh(String name, String username, Account account) {
        SubjectState fresh = SubjectState.unknown(freeKey(name, account.id()),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        fresh.username = username;
        fresh.usernameReleasedAt = username == null ? fresh.firstSeenAt : null;
        fresh.keycloakId = account.id();
        fresh.realm = account.realm();
        database.session().persist(fresh);
        database.session().flush();
        return fresh.subject;
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

    /** The person stored under the identity provider's {@code id}, or null; locked for update if asked. */
    private SubjectState byId(String id, LockModeType lock) {
        return first("from SubjectState s where s.keycloakId = :value", id, lock);
    }

    /** The person who has {@code name} now ({@link #HOLDER}), or null; locked for update if asked. */
    private SubjectState holder(String name, LockModeType lock) {
        return first(HOLDER, name, lock);
    }

    private SubjectState first(String query, String value, LockModeType lock) {
        return database.session().createSelectionQuery(query, SubjectState.class).setParameter("value", value)
                .setLockMode(lock).getResultStream().findFirst().orElse(null);
    }
}
