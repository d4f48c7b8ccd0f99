package dev.portcullis.policy.approvals;

import dev.portcullis.policy.audit.AuditLog;
import dev.portcullis.policy.audit.AuditRecord;
import dev.portcullis.policy.audit.AuditType;
import dev.portcullis.policy.audit.Outcome;
import dev.portcullis.policy.persistence.Database;
import dev.portcullis.policy.persistence.JsonColumn;
import dev.portcullis.policy.policies.PolicyStore;
import dev.portcullis.policy.problem.ApiProblem;
import dev.portcullis.policy.security.Caller;
import dev.portcullis.policy.subjects.SubjectRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
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
 * Four eyes on a protected person's factors ({@link Protection}): a policy admin signed in through
 * Keycloak who resets such a person's factor, or issues them an access pass, makes a request; a
 * second policy admin approves it (and the action is carried out then, its answer shown to them) or
 * rejects it. Nobody approves their own request, a request lives {@value #LIFETIME_HOURS} hours, and
 * each step is audited. The bootstrap admin token acts alone: it is the way in before any admin
 * exists, and whoever holds it holds the service.
 */
@ApplicationScoped
public class FourEyes {

    static final int LIFETIME_HOURS = 24;
    static final int LISTED = 200;

    private final Database database;
    private final SubjectRegistry subjects;
    private final PolicyStore policies;
    private final AuditLog audit;
    private final Instance<ApprovedAction> actions;

    @Inject
    public FourEyes(Database database, SubjectRegistry subjects, PolicyStore policies, AuditLog audit,
            Instance<ApprovedAction> actions) {
        this.database = database;
        this.subjects = subjects;
        this.policies = policies;
        this.audit = audit;
        this.actions = actions;
    }

    /**
     * Empty when {@code caller} may go ahead at once; otherwise the request it made, waiting for a
     * second admin.
     */
    @Transactional
    public Optional<ApprovalView> request(String action, String subject, Map<String, Object> parameters,
            Caller caller) {
        if (!caller.isPerson()) {
            return Optional.empty();
        }
        Optional<String> why = Protection.why(subjects.find(subject), policies.current());
        if (why.isEmpty()) {
            return Optional.empty();
        }
        Instant now = now();
        ApprovalRequest request = new ApprovalRequest();
        request.id = UUID.randomUUID().toString();
        request.action = action(action).id();
        request.subject = subject;
        request.parameters = JsonColumn.write(parameters);
        request.why = why.get();
        request.requestedBy = caller.actor();
        request.requestedAt = now;
        request.expiresAt = now.plus(Duration.ofHours(LIFETIME_HOURS));
        request.status = ApprovalRequest.PENDING;
        database.session().persist(request);
        audit.append(AuditRecord.of(caller, AuditType.MFA_APPROVAL_REQUESTED, subject, Outcome.SUCCESS,
                details(request)));
        return Optional.of(request.view(now));
    }

    /**
     * Newest first, the last {@value #LISTED}; {@code status} null for all. Selected in the query, so
     * that an old pending request is not hidden behind newer ones. "Expired" is also a pending request
     * past its time that the scheduler has not marked yet, and "pending" leaves those out.
     */
    @Transactional
    public List<ApprovalView> list(String status) {
        Instant now = now();
        String where = switch (status == null ? "" : status) {
            case "" -> "";
            case ApprovalRequest.PENDING -> " where r.status = :pending and r.expiresAt > :now";
            case ApprovalRequest.EXPIRED -> " where r.status = :status or (r.status = :pending and r.expiresAt <= :now)";
            default -> " where r.status = :status";
        };
        var query = database.session().createQuery("from ApprovalRequest r" + where + " order by r.requestedAt desc",
                ApprovalRequest.class).setMaxResults(LISTED);
        if (where.contains(":pending")) {
            query.setParameter("pending", ApprovalRequest.PENDING).setParameter("now", now);
        }
        if (where.contains(":status")) {
            query.setParameter("status", status);
        }
        return query.getResultStream().map(r -> r.view(now)).toList();
    }

    @Transactional
    public ApprovalView find(String id) {
        return require(id).view(now());
    }

    /**
     * Approves a pending request of another admin and carries it out, in one transaction: if the
     * action fails, the request stays pending.
     */
    @Transactional
    public Approved approve(String id, Caller approver) {
        ApprovalRequest request = decide(id, approver, ApprovalRequest.APPROVED);
        Object result = action(request.action).perform(request.subject, JsonColumn.read(request.parameters), approver);
        audit.append(AuditRecord.of(approver, AuditType.MFA_APPROVAL_APPROVED, request.subject, Outcome.SUCCESS,
                details(request)));
        return new Approved(request.view(now()), result);
    }

    /** Rejects a pending request; its requester may withdraw it so. */
    @Transactional
    public ApprovalView reject(String id, Caller caller) {
        ApprovalRequest request = decide(id, caller, ApprovalRequest.REJECTED);
        audit.append(AuditRecord.of(caller, AuditType.MFA_APPROVAL_REJECTED, request.subject, Outcome.SUCCESS,
                details(request)));
        return request.view(now());
    }

    private ApprovalRequest decide(String id, Caller caller, String status) {
        Instant now = now();
        ApprovalRequest request = require(id);
        if (ApprovalRequest.APPROVED.equals(status) && request.requestedBy.equals(caller.actor())) {
            throw new ApiProblem(403, "Request " + id + " was made by " + caller.actor() + ": a second policy admin"
                    + " approves it, never the one who asked.");
        }
        int decided = database.session().createMutationQuery("update ApprovalRequest r set r.status = :status,"
                + " r.decidedBy = :by, r.decidedAt = :now where r.id = :id and r.status = :pending"
                + " and r.expiresAt > :now")
                .setParameter("status", status).setParameter("by", caller.actor()).setParameter("now", now)
                .setParameter("id", id).setParameter("pending", ApprovalRequest.PENDING).executeUpdate();
        database.session().refresh(request);
        if (decided != 1) {
            throw ApiProblem.conflict("Request " + id + " is " + request.view(now).status() + ": only a pending"
                    + " request can be approved or rejected.");
        }
        return request;
    }

    /** Marks, once across replicas, each request that ran out of time undecided, and audits it. */
    @Scheduled(every = "${portcullis.approvals.expiry-check:60s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void expire() {
        Instant now = now();
        List<ApprovalRequest> expired = database.session().createQuery("from ApprovalRequest r where"
                + " r.status = :pending and r.expiresAt <= :now", ApprovalRequest.class)
                .setParameter("pending", ApprovalRequest.PENDING).setParameter("now", now).setMaxResults(500)
                .getResultList();
        for (ApprovalRequest request : expired) {
            int mine = database.session().createMutationQuery("update ApprovalRequest r set r.status = :expired"
                    + " where r.id = :id and r.status = :pending").setParameter("expired", ApprovalRequest.EXPIRED)
                    .setParameter("id", request.id).setParameter("pending", ApprovalRequest.PENDING).executeUpdate();
            if (mine == 1) {
                audit.append(new AuditRecord(request.expiresAt, "portcullis", AuditType.MFA_APPROVAL_EXPIRED.id(),
                        request.subject, Outcome.SUCCESS, null, details(request)));
            }
        }
    }

    private ApprovalRequest require(String id) {
        ApprovalRequest request = id == null || id.length() > 36 ? null : database.session().find(ApprovalRequest.class, id);
        if (request == null) {
            throw ApiProblem.notFound("No approval request " + id + ".");
        }
        return request;
    }

    private ApprovedAction action(String id) {
        return actions.stream().filter(a -> a.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no action " + id));
    }

    private static Map<String, Object> details(ApprovalRequest request) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("request", request.id);
        details.put("action", request.action);
        details.put("requestedBy", request.requestedBy);
        details.put("why", request.why);
        return details;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** An approved request, and what carrying it out answered (an access pass, shown once). */
    public record Approved(ApprovalView approval, Object result) {
    }
}
