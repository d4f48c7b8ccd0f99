package dev.portcullis.policy.policies;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.policy.audit.AuditLog;
import dev.portcullis.policy.audit.AuditRecord;
import dev.portcullis.policy.audit.AuditType;
import dev.portcullis.policy.audit.Outcome;
import dev.portcullis.policy.config.PortcullisConfig;
import dev.portcullis.policy.persistence.Database;
import dev.portcullis.policy.problem.ApiProblem;
import dev.portcullis.policy.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stores policies and serves them to decisions. Decisions read a copy cached for at most
 * {@code portcullis.mfa.policy-cache-ttl}; a change on this replica drops the copy at once.
 */
@ApplicationScoped
public class PolicyStore {

    static final int MAX_DOCUMENT_LENGTH = 8000;
    static final int AUDITED_DOCUMENT_LENGTH = 3000;

    private final Database database;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Duration ttl;
    private volatile Cached cached;

    private record Cached(List<NamedPolicy> policies, long loadedAtNanos) {
    }

    /** Whether a PUT created the policy or replaced it. */
    public record Saved(NamedPolicy policy, boolean created) {
    }

    @Inject
    public PolicyStore(Database database, AuditLog audit, ObjectMapper json, PortcullisConfig config) {
        this.database = database;
        this.audit = audit;
        this.json = json;
        this.ttl = config.mfa().policyCacheTtl();
    }

    /** All policies, for decisions: possibly up to the cache TTL old. */
    public List<NamedPolicy> current() {
        Cached copy = cached;
        if (copy == null || System.nanoTime() - copy.loadedAtNanos() > ttl.toNanos()) {
            copy = new Cached(list(), System.nanoTime());
            cached = copy;
        }
        return copy.policies();
    }

    @Transactional
    public List<NamedPolicy> list() {
        return database.session().createQuery("from MfaPolicy p order by p.name", MfaPolicy.class)
                .getResultStream().map(this::toNamed).toList();
    }

    @Transactional
    public Optional<NamedPolicy> find(String name) {
        return Optional.ofNullable(database.session().find(MfaPolicy.class, name)).map(this::toNamed);
    }

    @Transactional
    public Saved save(String name, PolicyDocument document, Caller caller) {
        ConsoleRolesPolicy.check(name, document, ConsoleRolesPolicy.today());
        MfaPolicy row = database.session().find(MfaPolicy.class, name);
        boolean created = row == null;
        if (created) {
            row = new MfaPolicy();
            row.name = name;
        }
        row.document = write(document);
        if (row.document.length() > MAX_DOCUMENT_LENGTH) {
            throw ApiProblem.badRequest("The policy is too large (" + row.document.length() + " characters of JSON,"
                    + " at most " + MAX_DOCUMENT_LENGTH + "): name fewer or shorter groups, roles or clients.");
        }
        row.updatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        if (created) {
            database.session().persist(row);
        }
        Map<String, Object> details = row.document.length() <= AUDITED_DOCUMENT_LENGTH
                ? Map.of("policy", name, "document", json.convertValue(document, Map.class))
                : Map.of("policy", name, "documentLength", row.document.length());
        audit.append(AuditRecord.of(caller, created ? AuditType.POLICY_CREATED : AuditType.POLICY_UPDATED, null, Outcome.SUCCESS,
                details));
        cached = null;
        return new Saved(new NamedPolicy(name, document), created);
    }

    @Transactional
    public void delete(String name, Caller caller) {
        if (NamedPolicy.BASELINE.equals(name)) {
            throw ApiProblem.conflict("The baseline policy applies to everyone and cannot be deleted; edit it"
                    + " with PUT /api/v1/admin/policies/baseline instead.");
        }
        if (ConsoleRolesPolicy.NAME.equals(name)) {
            throw ApiProblem.conflict("The console-roles policy keeps MFA mandatory, with no grace, for"
                    + " policy-admin and policy-auditor, and cannot be deleted; it can only be made stricter.");
        }
        MfaPolicy row = database.session().find(MfaPolicy.class, name);
        if (row == null) {
            throw ApiProblem.notFound("No policy named '" + name + "'.");
        }
        database.session().remove(row);
        audit.append(AuditRecord.of(caller, AuditType.POLICY_DELETED, null, Outcome.SUCCESS, Map.of("policy", name)));
        cached = null;
    }

    private NamedPolicy toNamed(MfaPolicy row) {
        try {
            return new NamedPolicy(row.name, json.readValue(row.document, PolicyDocument.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored policy '" + row.name + "' is not readable", e);
        }
    }

    private String write(PolicyDocument document) {
        try {
            return json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store a policy", e);
        }
    }
}
