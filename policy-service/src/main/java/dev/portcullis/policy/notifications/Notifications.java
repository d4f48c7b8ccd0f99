package dev.portcullis.policy.notifications;

import dev.portcullis.policy.audit.AuditLog;
import dev.portcullis.policy.audit.AuditRecord;
import dev.portcullis.policy.audit.AuditType;
import dev.portcullis.policy.audit.Outcome;
import dev.portcullis.policy.persistence.Database;
import dev.portcullis.policy.persistence.JsonColumn;
import dev.portcullis.policy.problem.ApiProblem;
import dev.portcullis.policy.security.Caller;
import dev.portcullis.policy.subjects.SubjectState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The outbox of messages to people about their accounts. A change queues one in the transaction
 * that makes it; the identity provider (Keycloak, which has the person's address, language and the
 * realm's mail server) claims a batch, sends each, and says how it went. A claim lasts
 * {@value #CLAIM_SECONDS} seconds, so a node that dies with a batch leaves it to another; after
 * {@value #MAX_ATTEMPTS} claims without an answer, or one failed send, the message is given up and
 * the failure audited. Nothing here ever blocks a login: a message waits, a login does not.
 */
@ApplicationScoped
public class Notifications {

    static final int CLAIM_SECONDS = 120;
    static final int MAX_ATTEMPTS = 5;
    static final int MAX_CLAIM = 100;
    /** The same news about the same person within this window is one message (Keycloak reports some twice). */
    static final Duration SAME_NEWS = Duration.ofMinutes(1);
    static final Duration LOCKOUTS = Duration.ofDays(1);
    static final int MAX_REASON = 300;

    private final Database database;
    private final AuditLog audit;

    @Inject
    public Notifications(Database database, AuditLog audit) {
        this.database = database;
        this.audit = audit;
    }

    /** Queues a message to {@code subject}; joins the caller's transaction. */
    @Transactional
    public void queue(String subject, String realm, NotificationKind kind, Map<String, Object> details, String ip) {
        Instant now = now();
        String json = JsonColumn.write(details);
        // lockouts come from whoever guesses: one message a day, so that they cannot train people to ignore mail
        boolean lockout = kind == NotificationKind.LOCKOUT;
        long same = database.session().createQuery("select count(n) from Notification n where n.subject = :subject"
                + " and n.kind = :kind and (n.details = :details or :lockout = true) and n.occurredAt > :since",
                Long.class)
                .setParameter("subject", subject).setParameter("kind", kind.id()).setParameter("details", json)
                .setParameter("lockout", lockout).setParameter("since", now.minus(lockout ? LOCKOUTS : SAME_NEWS))
                .getSingleResult();
        if (same > 0) {
            return;
        }
        Notification notification = new Notification();
        notification.id = UUID.randomUUID().toString();
        notification.subject = subject;
        notification.realm = realm;
        notification.kind = kind.id();
        notification.details = json;
        notification.occurredAt = now;
        notification.ip = ip == null || ip.length() > 64 ? null : ip;
        notification.status = Notification.PENDING;
        database.session().persist(notification);
    }

    /**
     * Up to {@code max} messages no one else holds, oldest first, held for this caller for
     * {@value #CLAIM_SECONDS} seconds. Messages claimed too often without an answer are given up here.
     */
    @Transactional
    public List<NotificationView> claim(int max, Caller caller) {
        Instant now = now();
        giveUpAbandoned(now, caller);
        String token = UUID.randomUUID().toString();
        List<String> ids = database.session().createQuery("select n.id from Notification n where n.status = :pending"
                + " and (n.claimedUntil is null or n.claimedUntil < :now) order by n.occurredAt", String.class)
                .setParameter("pending", Notification.PENDING).setParameter("now", now)
                .setMaxResults(Math.max(1, Math.min(max, MAX_CLAIM))).getResultList();
        List<NotificationView> claimed = new ArrayList<>();
        for (String id : ids) {
            int mine = database.session().createMutationQuery("update Notification n set n.claim = :token,"
                    + " n.claimedUntil = :until, n.attempts = n.attempts + 1 where n.id = :id and n.status = :pending"
                    + " and (n.claimedUntil is null or n.claimedUntil < :now)")
                    .setParameter("token", token).setParameter("until", now.plusSeconds(CLAIM_SECONDS))
                    .setParameter("id", id).setParameter("pending", Notification.PENDING).setParameter("now", now)
                    .executeUpdate();
            if (mine == 1) {
                Notification notification = database.session().find(Notification.class, id);
                SubjectState person = database.session().find(SubjectState.class, notification.subject);
                if (person != null && person.nameNow() == null && person.keycloakId == null) {
                    // their name went to a newer account: by name, the message would reach that account
                    failed(id, "the person's login name went to another account, and their own account is"
                            + " not known by id", caller);
                    continue;
                }
                claimed.add(person == null ? notification.view()
                        : notification.view().to(person.nameNow(), person.keycloakId));
            }
        }
        return claimed;
    }

    /** The message went out. */
    @Transactional
    public void sent(String id, Caller caller) {
        Notification notification = finish(id, Notification.SENT);
        audit.append(AuditRecord.of(caller, AuditType.MFA_NOTIFICATION_SENT, notification.subject, Outcome.SUCCESS,
                details(notification, null)));
    }

    /** The message could not be sent: given up, and audited with the reason. */
    @Transactional
    public void failed(String id, String reason, Caller caller) {
        Notification notification = finish(id, Notification.FAILED);
        String why = reason == null || reason.isBlank() ? "unknown" : reason.length() > MAX_REASON
                ? reason.substring(0, MAX_REASON) : reason;
        audit.append(AuditRecord.of(caller, AuditType.MFA_NOTIFICATION_FAILED, notification.subject, Outcome.FAILURE,
                details(notification, why)));
    }

    private Notification finish(String id, String status) {
        Notification notification = id == null || id.length() > 36 ? null
                : database.session().find(Notification.class, id);
        if (notification == null) {
            throw ApiProblem.notFound("No notification " + id + ".");
        }
        int done = database.session().createMutationQuery("update Notification n set n.status = :status,"
                + " n.doneAt = :now where n.id = :id and n.status = :pending")
                .setParameter("status", status).setParameter("now", now()).setParameter("id", id)
                .setParameter("pending", Notification.PENDING).executeUpdate();
        if (done != 1) {
            throw ApiProblem.conflict("Notification " + id + " is " + notification.status + " already.");
        }
        return notification;
    }

    private void giveUpAbandoned(Instant now, Caller caller) {
        List<Notification> abandoned = database.session().createQuery("from Notification n where n.status = :pending"
                + " and n.attempts >= :max and n.claimedUntil < :now", Notification.class)
                .setParameter("pending", Notification.PENDING).setParameter("max", MAX_ATTEMPTS)
                .setParameter("now", now).setMaxResults(MAX_CLAIM).getResultList();
        for (Notification notification : abandoned) {
            failed(notification.id, "claimed " + MAX_ATTEMPTS + " times and never sent", caller);
        }
    }

    private static Map<String, Object> details(Notification notification, String reason) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("notification", notification.id);
        details.put("kind", notification.kind);
        if (reason != null) {
            details.put("reason", reason);
        }
        return details;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
