package dev.portcullis.policy.credentials;

import dev.portcullis.policy.audit.AuditLog;
import dev.portcullis.policy.audit.AuditRecord;
import dev.portcullis.policy.audit.AuditType;
import dev.portcullis.policy.audit.Outcome;
import dev.portcullis.policy.breached.BreachedPasswords;
import dev.portcullis.policy.persistence.Database;
import dev.portcullis.policy.policies.Level;
import dev.portcullis.policy.policies.PolicyResolver;
import dev.portcullis.policy.policies.PolicyStore;
import dev.portcullis.policy.policies.ResolvedPolicy;
import dev.portcullis.policy.problem.ApiProblem;
import dev.portcullis.policy.security.Caller;
import dev.portcullis.policy.services.ServiceClient;
import dev.portcullis.policy.subjects.SubjectFacts;
import dev.portcullis.policy.subjects.SubjectRegistry;
import dev.portcullis.policy.subjects.SubjectState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Password checks and fingerprint registration. The Argon2id work happens outside any transaction,
 * so no database connection waits on it; every outcome is audited with the service and the kinds
 * of finding, never the password.
 */
@ApplicationScoped
public class CredentialService {

    private static final Logger LOG = Logger.getLogger(CredentialService.class);

    private final Database database;
    private final SubjectRegistry subjects;
    private final PolicyStore policies;
    private final Fingerprints fingerprints;
    private final CredentialStore store;
    private final BreachedPasswords breached;
    private final HashingGate gate;
    private final AuditLog audit;

    @Inject
    public CredentialService(Database database, SubjectRegistry subjects, PolicyStore policies,
            Fingerprints fingerprints, CredentialStore store, BreachedPasswords breached, HashingGate gate,
            AuditLog audit) {
        this.database = database;
        this.subjects = subjects;
        this.policies = policies;
        this.fingerprints = fingerprints;
        this.store = store;
        this.breached = breached;
        this.gate = gate;
        this.audit = audit;
    }

    /** Whether a check also stores the password's fingerprints for the calling service. */
    public enum Registration {
        /** A check only. */
        NONE,
        /** The password is about to be saved: store it unless the verdict is BLOCK (then it never is). */
        UNLESS_BLOCKED,
        /** The password is in use already (the service has just accepted it): store it whatever the verdict. */
        ALWAYS
    }

    /**
     * Checks a password, and registers it for the checking service when asked: one computation of
     * its fingerprints (at most three Argon2id evaluations) serves both. A caller that is not the
     * identity provider ({@code idp} false) learns the verdict without the other services' names, and
     * registers only for a person the identity provider has seen (its resource refuses anyone else before
     * hashing). {@code subject}: the key of the person the request names ({@code People}).
     */
    public CheckResult check(String subject, CheckRequest request, Registration registration, Caller caller,
            boolean idp) {
        String service = requireService("service", request.service());
        String password = PasswordInput.require("password", request.password());
        Optional<SubjectState> known = subjects.find(subject);
        Instant firstSeen = known.map(s -> s.firstSeenAt).orElseGet(Instant::now);
        ResolvedPolicy policy = idp
                ? PolicyResolver.resolve(policies.current(), new HashSet<>(request.groups()),
                        Set.copyOf(request.roles()), request.client(), firstSeen)
                : storedPolicy(known, firstSeen);

        List<Finding> findings = new ArrayList<>();
        if (PasswordInput.length(password) < policy.minLength()) {
            findings.add(Finding.tooShort(policy.minLength()));
        }
        if (policy.breached() != Level.OFF) {
            breached.lookup(password).ifPresent(m -> findings.add(Finding.breached(policy.breached(), m.count())));
        }
        boolean reuseChecked = policy.reuse() != Level.OFF || policy.variantReuse() != Level.OFF;
        Fingerprints.Fingerprint fingerprint = null;
        if (reuseChecked || registration != Registration.NONE) {
            boolean legacy = reuseChecked && policy.variantReuse() != Level.OFF && store.hasVersion1(subject, service);
            fingerprint = gate.run(caller.actor(), () -> fingerprints.of(subject, password, legacy));
        }
        if (reuseChecked) {
            findings.addAll(reuse(subject, service, fingerprint, policy));
        }
        CheckResult result = CheckResult.of(findings, String.join("+", policy.matched()));
        LOG.debugf("Password check for %s at %s: %s %s", subject, service, result.action(),
                result.findings().stream().map(Finding::type).toList());
        audit.append(AuditRecord.of(caller, AuditType.CREDENTIALS_CHECKED, subject,
                result.action() == CheckResult.Action.BLOCK ? Outcome.FAILURE : Outcome.SUCCESS,
                auditDetails(service, result)));
        CheckResult answer = idp ? result : result.withoutServices();
        if (registration == Registration.NONE) {
            return answer;
        }
        boolean register = registration == Registration.ALWAYS || result.action() != CheckResult.Action.BLOCK;
        if (register) {
            seen(subject, idp);
            replace(subject, service, fingerprint, caller);
        }
        return answer.registered(register);
    }

    /**
     * The policy for a check by a service that is not the identity provider: from the groups and roles the
     * identity provider stated, not from the caller's, so that it cannot pick a policy for its guesses.
     */
    private ResolvedPolicy storedPolicy(Optional<SubjectState> known, Instant firstSeen) {
        SubjectFacts facts = SubjectFacts.parse(known.map(s -> s.facts).orElse(null));
        return PolicyResolver.resolve(policies.current(), new HashSet<>(facts.groups()), facts.roleSet(), null,
                firstSeen);
    }

    /**
     * Records a first sighting for the identity provider alone; for another service, {@link #replace} finds
     * the person or answers 404.
     */
    private void seen(String subject, boolean idp) {
        if (idp) {
            subjects.seen(subject);
        }
    }

    /**
     * The other services where {@code subject} uses the password {@code service} holds for them now:
     * found when another service reported it later, without {@code service} sending its password again.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> reusedElsewhere(String subject, String service) {
        return store.servicesSharingPasswordWith(subject, service);
    }

    /**
     * Stores the service's fingerprints of the password it has just saved, replacing earlier ones. Only
     * the identity provider ({@code idp}) makes a person known; another service registers for known people.
     */
    public void register(String subject, String service, String password, Caller caller, boolean idp) {
        Fingerprints.Fingerprint fingerprint = gate.run(caller.actor(), () -> fingerprints.of(subject, password));
        seen(subject, idp);
        replace(subject, service, fingerprint, caller);
    }

    @Transactional
    void replace(String subject, String service, Fingerprints.Fingerprint fingerprint, Caller caller) {
        requireService("service", service);
        lock(subjects.require(subject));
        store.replace(subject, service, fingerprint);
        audit.append(AuditRecord.of(caller, AuditType.CREDENTIALS_REGISTERED, subject, Outcome.SUCCESS,
                Map.of("service", service)));
    }

    @Transactional
    public void delete(String subject, String service, Caller caller) {
        lock(subjects.require(subject));
        int removed = store.delete(subject, service);
        audit.append(AuditRecord.of(caller, AuditType.CREDENTIALS_DELETED, subject, Outcome.SUCCESS,
                Map.of("service", service, "removed", removed)));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    List<Finding> reuse(String subject, String service, Fingerprints.Fingerprint fingerprint, ResolvedPolicy policy) {
        List<Finding> findings = new ArrayList<>();
        List<String> exact = store.servicesWithExact(subject, service, fingerprint.exact());
        if (policy.reuse() != Level.OFF && !exact.isEmpty()) {
            findings.add(Finding.reused(policy.reuse(), exact));
        }
        if (policy.variantReuse() != Level.OFF && !fingerprint.candidates().isEmpty()) {
            List<String> variants = new ArrayList<>(store.servicesWithRoot(subject, service, fingerprint.candidates()));
            variants.removeAll(exact);
            if (!variants.isEmpty()) {
                findings.add(Finding.variantReused(policy.variantReuse(), variants));
            }
        }
        return findings;
    }

    /** The name of a registered service, or a 400/404 naming the field. */
    @Transactional(Transactional.TxType.SUPPORTS)
    String requireService(String field, String name) {
        if (name == null || name.isBlank()) {
            throw ApiProblem.invalidField(field, "is required");
        }
        if (name.length() > 64 || database.session().find(ServiceClient.class, name) == null) {
            throw ApiProblem.notFound("No service named '" + abbreviate(name) + "' is registered: create it first"
                    + " (POST /api/v1/admin/services).");
        }
        return name;
    }

    private void lock(SubjectState state) {
        database.session().refresh(state, LockModeType.PESSIMISTIC_WRITE);
    }

    private static Map<String, Object> auditDetails(String service, CheckResult result) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("service", service);
        details.put("action", result.action().name());
        details.put("findings", result.findings().stream().map(f -> f.type().name()).toList());
        Set<String> involved = new TreeSet<>();
        result.findings().forEach(f -> {
            if (f.services() != null) {
                involved.addAll(f.services());
            }
        });
        details.put("otherServices", List.copyOf(involved));
        return details;
    }

    private static String abbreviate(String name) {
        return name.length() > 64 ? name.substring(0, 64) + "..." : name;
    }
}
