package dev.portcullis.policy.services;

import dev.portcullis.policy.audit.AuditLog;
import dev.portcullis.policy.audit.AuditRecord;
import dev.portcullis.policy.audit.AuditType;
import dev.portcullis.policy.audit.Outcome;
import dev.portcullis.policy.config.PortcullisConfig;
import dev.portcullis.policy.crypto.Secrets;
import dev.portcullis.policy.persistence.Database;
import dev.portcullis.policy.problem.ApiProblem;
import dev.portcullis.policy.security.Caller;
import dev.portcullis.policy.security.CertificatePin;
import dev.portcullis.policy.security.ServiceKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.Session;

/**
 * Creates, lists, rotates, pins and deletes services; each change is audited in the same transaction.
 */
@ApplicationScoped
public class ServiceRegistry implements ServiceKeys {

    static final int MAX_CACHED_KEYS = 10_000;

    private final Database database;
    private final AuditLog audit;
    private final CertificateMismatches mismatches;
    private final Duration keyCacheTtl;
    private final Map<String, CachedKey> verifiedKeys = new ConcurrentHashMap<>();

    private record CachedKey(ServiceKey service, long verifiedAtNanos) {
    }

    @Inject
    public ServiceRegistry(Database database, AuditLog audit, CertificateMismatches mismatches,
            PortcullisConfig config) {
        this.database = database;
        this.audit = audit;
        this.mismatches = mismatches;
        this.keyCacheTtl = config.auth().keyCacheTtl();
    }

    @Transactional
    public IssuedKey create(String name, SortedSet<Scope> scopes, List<CertificatePin> pins, Caller caller) {
        Session session = database.session();
        if (session.find(ServiceClient.class, name) != null) {
            throw ApiProblem.conflict("A service named '" + name + "' already exists. Rotate its key instead,"
                    + " or choose another name.");
        }
        String key = ApiKeys.generate();
        ServiceClient service = new ServiceClient();
        service.name = name;
        service.scopes = String.join(",", scopes.stream().map(Scope::id).toList());
        service.certificatePins = CertificatePins.store(pins);
        service.keyHash = ApiKeys.hash(key);
        service.createdAt = now();
        service.keyRotatedAt = service.createdAt;
        session.persist(service);
        session.flush();
        ServiceClientView view = ServiceClientView.of(service);
        audit.append(AuditRecord.of(caller, AuditType.SERVICE_CREATED, null, Outcome.SUCCESS,
                Map.of("service", name, "scopes", view.scopes(), "certificatePins", view.certificatePins())));
        return new IssuedKey(name, view.scopes(), view.certificatePins(), key);
    }

    @Transactional
    public List<ServiceClientView> list() {
        return database.session().createQuery("from ServiceClient s order by s.name", ServiceClient.class)
                .getResultStream().map(ServiceClientView::of).toList();
    }

    /** The service named {@code name}; a 404 problem if there is none. */
    @Transactional
    public ServiceClientView get(String name) {
        return ServiceClientView.of(require(name));
    }

    @Transactional
    public IssuedKey rotate(String name, Caller caller) {
        ServiceClient service = require(name);
        String key = ApiKeys.generate();
        service.keyHash = ApiKeys.hash(key);
        service.keyRotatedAt = now();
        verifiedKeys.clear();
        audit.append(AuditRecord.of(caller, AuditType.SERVICE_KEY_ROTATED, null, Outcome.SUCCESS, Map.of("service", name)));
        ServiceClientView view = ServiceClientView.of(service);
        return new IssuedKey(name, view.scopes(), view.certificatePins(), key);
    }

    /**
     * Replaces the pins of the client certificates the service's key must come with (none: unpinned).
     * Like a rotated key, the change holds at once on this replica and within
     * {@code portcullis.auth.key-cache-ttl} on the others.
     */
    @Transactional
    public ServiceClientView pinCertificates(String name, List<CertificatePin> pins, Caller caller) {
        ServiceClient service = require(name);
        List<String> previous = ServiceClientView.of(service).certificatePins();
        service.certificatePins = CertificatePins.store(pins);
        verifiedKeys.clear();
        ServiceClientView view = ServiceClientView.of(service);
        audit.append(AuditRecord.of(caller, AuditType.SERVICE_CERTIFICATE_PINS_CHANGED, null, Outcome.SUCCESS,
                Map.of("service", name, "certificatePins", view.certificatePins(), "previous", previous)));
        return view;
    }

    @Transactional
    public void delete(String name, Caller caller) {
        ServiceClient service = require(name);
        database.session().remove(service);
        verifiedKeys.clear();
        audit.append(AuditRecord.of(caller, AuditType.SERVICE_DELETED, null, Outcome.SUCCESS, Map.of("service", name)));
    }

    /**
     * The service holding {@code key}, if any. Anything not shaped like our keys costs no lookup; a key
     * found is remembered for {@code portcullis.auth.key-cache-ttl} (unknown keys never are).
     */
    @Override
    public Optional<ServiceKey> authenticate(String key) {
        if (!ApiKeys.looksLikeKey(key)) {
            return Optional.empty();
        }
        String hash = ApiKeys.hash(key);
        Optional<ServiceKey> remembered = remembered(hash, key);
        if (remembered.isPresent()) {
            return remembered;
        }
        Optional<ServiceKey> found = lookup(hash);
        if (found.isPresent()) {
            if (verifiedKeys.size() >= MAX_CACHED_KEYS) {
                verifiedKeys.clear();
            }
            verifiedKeys.put(hash, new CachedKey(found.get(), System.nanoTime()));
        } else {
            verifiedKeys.remove(hash);
        }
        return found;
    }

    @Override
    public Optional<ServiceKey> remembered(String key) {
        return ApiKeys.looksLikeKey(key) ? remembered(ApiKeys.hash(key), key) : Optional.empty();
    }

    private Optional<ServiceKey> remembered(String hash, String key) {
        CachedKey cachedKey = verifiedKeys.get(hash);
        if (cachedKey != null && System.nanoTime() - cachedKey.verifiedAtNanos() < keyCacheTtl.toNanos()) {
            return Optional.of(cachedKey.service());
        }
        return Optional.empty();
    }

    @Override
    public void certificateRefused(ServiceKey service, CertificatePin presented, String ip) {
        mismatches.record(service, presented, ip);
    }

    @Transactional
    Optional<ServiceKey> lookup(String hash) {
        return database.session()
                .createQuery("from ServiceClient s where s.keyHash = :hash", ServiceClient.class)
                .setParameter("hash", hash).getResultStream()
                .filter(s -> Secrets.constantTimeEquals(s.keyHash, hash))
                .findFirst().map(s -> new ServiceKey(s.name, ServiceClientView.of(s).scopes(),
                        CertificatePins.load(s.certificatePins)));
    }

    private ServiceClient require(String name) {
        ServiceClient service = database.session().find(ServiceClient.class, name);
        if (service == null) {
            throw ApiProblem.notFound("No service named '" + name + "'.");
        }
        return service;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
