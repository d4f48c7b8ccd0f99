package dev.portcullis.policy.passes;

import dev.portcullis.policy.audit.AuditLog;
import dev.portcullis.policy.audit.AuditRecord;
import dev.portcullis.policy.audit.AuditType;
import dev.portcullis.policy.audit.Outcome;
import dev.portcullis.policy.crypto.MasterKey;
import dev.portcullis.policy.crypto.Secrets;
import dev.portcullis.policy.crypto.TypedCodes;
import dev.portcullis.policy.notifications.NotificationKind;
import dev.portcullis.policy.notifications.Notifications;
import dev.portcullis.policy.persistence.Database;
import dev.portcullis.policy.problem.ApiProblem;
import dev.portcullis.policy.security.Caller;
import dev.portcullis.policy.subjects.SubjectRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Access passes: a policy admin issues one for one person, to bind a new factor where the password
 * (or the password and a code) must not be enough. A pass is 80 random bits, shown once, stored only
 * as HMAC-SHA256 under a key derived from the master secret and bound to the subject. Using one opens
 * a short binding window ({@value #WINDOW_MINUTES} minutes) in which one factor may be bound; it
 * never proves a login by itself. Issue, use (and each refused try), revocation and expiry are
 * audited; a single-use pass works once, even when two replicas are asked at the same moment.
 */
@ApplicationScoped
public class AccessPasses {

    static final int MIN_MINUTES = 10;
    static final int MAX_MINUTES = 24 * 60;
    static final int DEFAULT_MINUTES = 60;
    static final int WINDOW_MINUTES = 15;
    static final int LENGTH = 16;
    static final String PURPOSE = "access-pass/hmac-sha256";
    static final int LISTED = 50;
    private static final TypedCodes CODES = new TypedCodes(LENGTH);

    private final Database database;
    private final SubjectRegistry subjects;
    private final AuditLog audit;
    private final byte[] key;
    private final Notifications notifications;

    @Inject
    public AccessPasses(Database database, SubjectRegistry subjects, AuditLog audit, MasterKey masterKey,
            Notifications notifications) {
        this.database = database;
        this.notifications = notifications;
        this.subjects = subjects;
        this.audit = audit;
        this.key = masterKey.derive(PURPOSE, 32);
    }

    @Transactional
    public IssuedPass issue(String subject, PassRequest request, Caller caller) {
        Instant now = now();
        String pass = CODES.generate();
        AccessPass row = new AccessPass();
        row.id = UUID.randomUUID().toString();
        row.subject = subject;
        row.passHash = hash(subject, CODES.normalise(pass).orElseThrow());
        row.issuedAt = now;
        row.expiresAt = now.plus(Duration.ofMinutes(request.minutes()));
        row.issuedBy = caller.actor();
        row.singleUse = request.single();
        database.session().persist(row);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("pass", row.id);
        details.put("expiresAt", row.expiresAt.toString());
        details.put("lifetimeMinutes", request.minutes());
        details.put("singleUse", row.singleUse);
        audit.append(AuditRecord.of(caller, AuditType.MFA_PASS_ISSUED, subject, Outcome.SUCCESS, details));
        notifications.queue(subject, null, NotificationKind.PASS_ISSUED, Map.of("expiresAt", row.expiresAt.toString()),
                null);
        return new IssuedPass(row.id, subject, pass, row.expiresAt, row.singleUse);
    }

    /** The subject's passes, newest first (the last {@value #LISTED}). */
    @Transactional
    public List<AccessPassView> list(String subject) {
        Instant now = now();
        return database.session().createQuery("from AccessPass p where p.subject = :subject"
                + " order by p.issuedAt desc", AccessPass.class)
                .setParameter("subject", subject).setMaxResults(LISTED).getResultList().stream()
                .map(p -> p.view(now)).toList();
    }

    /** Revokes a pass that can still be used; 404 for none of this subject's, 409 for one already spent. */
    @Transactional
    public AccessPassView revoke(String subject, String id, Caller caller) {
        Instant now = now();
        AccessPass row = Optional.ofNullable(id == null || id.length() > 36 ? null
                : database.session().find(AccessPass.class, id))
                .filter(p -> p.subject.equals(subject))
                .orElseThrow(() -> ApiProblem.notFound("'" + subject + "' has no access pass " + id + "."));
        int revoked = database.session().createMutationQuery("update AccessPass p set p.revokedAt = :now,"
                + " p.revokedBy = :by, p.expiryAudited = true where p.id = :id and p.revokedAt is null"
                + " and p.expiresAt > :now and (p.singleUse = false or p.uses = 0)")
                .setParameter("now", now).setParameter("by", caller.actor()).setParameter("id", id).executeUpdate();
        database.session().refresh(row);
        if (revoked == 0) {
            throw ApiProblem.conflict("Access pass " + id + " of '" + subject + "' is " + row.view(now).status()
                    + " already: there is nothing to revoke.");
        }
        audit.append(AuditRecord.of(caller, AuditType.MFA_PASS_REVOKED, subject, Outcome.SUCCESS,
                Map.of("pass", id)));
        return row.view(now);
    }

    /**
     * A pass entered at sign-in: when it is one of the subject's, usable now, it is spent (single use)
     * or counted, and one factor may be bound in the next {@value #WINDOW_MINUTES} minutes.
     */
    @Transactional
    public Redemption redeem(String subject, String typed, Caller caller) {
        String pass = CODES.normalise(typed).orElseThrow(() -> ApiProblem.invalidField("pass",
                "must be an access pass of 16 letters and digits, such as ABCD-EFGH-JKLM-NPQR"));
        subjects.seen(subject);
        Instant now = now();
        String hash = hash(subject, pass);
        int used = database.session().createMutationQuery("update AccessPass p set p.uses = p.uses + 1,"
                + " p.lastUsedAt = :now, p.expiryAudited = p.singleUse"
                + " where p.subject = :subject and p.passHash = :hash and p.revokedAt is null"
                + " and p.expiresAt > :now and (p.singleUse = false or p.uses = 0)")
                .setParameter("now", now).setParameter("subject", subject).setParameter("hash", hash).executeUpdate();
        Optional<AccessPass> row = database.session().createQuery("from AccessPass p where p.subject = :subject"
                + " and p.passHash = :hash", AccessPass.class)
                .setParameter("subject", subject).setParameter("hash", hash).getResultStream().findFirst();
        if (used != 1) {
            String reason = row.map(p -> p.view(now).status()).orElse("wrong-pass");
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("reason", reason);
            row.ifPresent(p -> details.put("pass", p.id));
            audit.append(AuditRecord.of(caller, AuditType.MFA_PASS_USED, subject, Outcome.FAILURE, details));
            return new Redemption(false, null);
        }
        Instant until = now.plus(Duration.ofMinutes(WINDOW_MINUTES));
        database.session().createMutationQuery("update SubjectState s set s.passBindingUntil = :until"
                + " where s.subject = :subject").setParameter("until", until).setParameter("subject", subject)
                .executeUpdate();
        audit.append(AuditRecord.of(caller, AuditType.MFA_PASS_USED, subject, Outcome.SUCCESS,
                Map.of("pass", row.orElseThrow().id, "bindUntil", until.toString())));
        notifications.queue(subject, caller.personRealm(), NotificationKind.PASS_USED, Map.of(), caller.personAddress());
        return new Redemption(true, until);
    }

    /** Audits, once across replicas, each pass that ran out of time neither used up nor revoked. */
    @Scheduled(every = "${portcullis.passes.expiry-check:60s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void auditExpiries() {
        Instant now = now();
        List<AccessPass> expired = database.session().createQuery("from AccessPass p where p.expiryAudited = false"
                + " and p.expiresAt <= :now", AccessPass.class).setParameter("now", now).setMaxResults(500)
                .getResultList();
        for (AccessPass pass : expired) {
            int mine = database.session().createMutationQuery("update AccessPass p set p.expiryAudited = true"
                    + " where p.id = :id and p.expiryAudited = false").setParameter("id", pass.id).executeUpdate();
            if (mine == 1) {
                audit.append(new AuditRecord(pass.expiresAt, "portcullis", AuditType.MFA_PASS_EXPIRED.id(),
                        pass.subject, Outcome.SUCCESS, null, Map.of("pass", pass.id, "uses", pass.uses)));
            }
        }
    }

    private String hash(String subject, String normalised) {
        return Secrets.hmacSha256Hex(key, subject + "|" + normalised);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** {@code bindUntil}: the end of the binding window the pass opened (absent when not valid). */
    public record Redemption(boolean valid, Instant bindUntil) {
    }
}
