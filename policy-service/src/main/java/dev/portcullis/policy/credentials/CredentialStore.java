package dev.portcullis.policy.credentials;

import dev.portcullis.policy.persistence.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.hibernate.Session;

/**
 * The fingerprint rows, one per subject and service. A check is two indexed lookups on
 * (subject, fingerprint), whatever the number of rows. Writes happen under the subject's row lock
 * (see {@link CredentialService}), so concurrent registrations cannot collide.
 */
@ApplicationScoped
public class CredentialStore {

    private final Database database;

    @Inject
    public CredentialStore(Database database) {
        this.database = database;
    }

    /** Other services of {@code subject} whose exact fingerprint is {@code exact}, by name. */
    public List<String> servicesWithExact(String subject, String exceptService, String exact) {
        return names("SELECT service FROM credential_fingerprint WHERE subject = ?1 AND exact_fp = ?2"
                + " AND service <> ?3 ORDER BY service", subject, exact, exceptService);
    }

    /**
     * Other services of {@code subject} where either root fingerprint is one of {@code candidates}
     * (at most three), by name.
     */
    public List<String> servicesWithRoot(String subject, String exceptService, List<String> candidates) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        String a = candidates.get(0);
        String b = candidates.size() > 1 ? candidates.get(1) : a;
        String c = candidates.size() > 2 ? candidates.get(2) : a;
        return names("SELECT service FROM credential_fingerprint WHERE subject = ?1 AND service <> ?2"
                + " AND (root_fp IN (?3, ?4, ?5) OR root2_fp IN (?3, ?4, ?5)) ORDER BY service",
                subject, exceptService, a, b, c);
    }

    /** Other services of {@code subject} that hold the same password as {@code service} does now. */
    public List<String> servicesSharingPasswordWith(String subject, String service) {
        return names("SELECT o.service FROM credential_fingerprint o JOIN credential_fingerprint k"
                + " ON o.subject = k.subject AND o.exact_fp = k.exact_fp"
                + " WHERE k.subject = ?1 AND k.service = ?2 AND o.service <> ?2 ORDER BY o.service", subject, service);
    }

    /** Whether {@code subject} has rows of the version-1 variant model at another service. */
    public boolean hasVersion1(String subject, String exceptService) {
        return !names("SELECT service FROM credential_fingerprint WHERE subject = ?1 AND service <> ?2"
                + " AND variant_version = 1 AND root_fp IS NOT NULL", subject, exceptService).isEmpty();
    }

    /** Replaces the service's fingerprints. Call within a transaction holding the subject's lock. */
    public void replace(String subject, String service, Fingerprints.Fingerprint fingerprint) {
        Session session = database.session();
        delete(subject, service);
        session.createNativeMutationQuery("INSERT INTO credential_fingerprint (subject, service, exact_fp, root_fp,"
                        + " root2_fp, variant_version, key_id, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                .setParameter(1, subject)
                .setParameter(2, service)
                .setParameter(3, fingerprint.exact())
                .setParameter(4, fingerprint.root(0))
                .setParameter(5, fingerprint.root(1))
                .setParameter(6, PasswordRoot.VERSION)
                .setParameter(7, fingerprint.keyId())
                .setParameter(8, Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .executeUpdate();
    }

    /** Removes the service's fingerprints for {@code subject}; returns how many rows went. */
    public int delete(String subject, String service) {
        return database.session()
                .createNativeMutationQuery("DELETE FROM credential_fingerprint WHERE subject = ?1 AND service = ?2")
                .setParameter(1, subject).setParameter(2, service).executeUpdate();
    }

    private List<String> names(String sql, Object... parameters) {
        var query = database.session().createNativeQuery(sql, String.class);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return query.getResultList();
    }
}
