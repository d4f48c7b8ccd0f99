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

    /** Other services of {@code subject} whose root fingerprint is {@code root}, by name. */
    public List<String> servicesWithRoot(String subject, String exceptService, String root) {
        return names("SELECT service FROM credential_fingerprint WHERE subject = ?1 AND root_fp = ?2"
                + " AND service <> ?3 ORDER BY service", subject, root, exceptService);
    }

    /** Replaces the service's fingerprints. Call within a transaction holding the subject's lock. */
    public void replace(String subject, String service, Fingerprints.Fingerprint fingerprint) {
        Session session = database.session();
        delete(subject, service);
        session.createNativeMutationQuery("INSERT INTO credential_fingerprint"
                        + " (subject, service, exact_fp, root_fp, key_id, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, subject)
                .setParameter(2, service)
                .setParameter(3, fingerprint.exact())
                .setParameter(4, fingerprint.variant())
                .setParameter(5, fingerprint.keyId())
                .setParameter(6, Instant.now().truncatedTo(ChronoUnit.MILLIS))
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
