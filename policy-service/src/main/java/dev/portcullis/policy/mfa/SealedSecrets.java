package dev.portcullis.policy.mfa;

import dev.portcullis.policy.persistence.Database;
import dev.portcullis.policy.subjects.SubjectState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Whether this service's master key opens the TOTP secrets in its database: the check a restore
 * drill needs, since a database restored without the key it was written under lets nobody log in.
 */
@ApplicationScoped
public class SealedSecrets {

    /** How many secrets there are, how many opened, and the first failure's reason (null when all did). */
    public record Check(long total, long opened, String firstFailure) {
        public boolean allOpen() {
            return opened == total;
        }
    }

    private final Database database;
    private final SecretBox box;

    @Inject
    public SealedSecrets(Database database, SecretBox box) {
        this.database = database;
        this.box = box;
    }

    @Transactional
    public Check check() {
        long total = 0;
        long opened = 0;
        String firstFailure = null;
        int page = 0;
        while (true) {
            List<SubjectState> states = database.session().createQuery(
                    "from SubjectState s where s.totpSecret is not null order by s.subject", SubjectState.class)
                    .setFirstResult(page * 500).setMaxResults(500).getResultList();
            if (states.isEmpty()) {
                return new Check(total, opened, firstFailure);
            }
            for (SubjectState state : states) {
                total++;
                try {
                    box.open(state.totpSecret, state.subject, state.totpKeyId);
                    opened++;
                } catch (IllegalStateException e) {
                    if (firstFailure == null) {
                        firstFailure = state.subject + ": " + e.getMessage();
                    }
                }
            }
            database.session().clear();
            page++;
        }
    }
}
