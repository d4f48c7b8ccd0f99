package dev.portcullis.policy.support;

import dev.portcullis.policy.audit.AuditChainer;
import dev.portcullis.policy.persistence.Database;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.List;

/**
 * Direct SQL on the active database, for tests that inspect or tamper with stored rows. A query
 * that reads audit_event first chains whatever the outbox holds, so it sees every event recorded.
 */
public final class Tables {

    private Tables() {
    }

    public static int update(Database database, String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = database.session().createNativeMutationQuery(sql);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return query.executeUpdate();
        });
    }

    public static List<Object[]> rows(Database database, String sql) {
        chainIfAudit(sql);
        return QuarkusTransaction.requiringNew().call(() -> database.session().createNativeQuery(sql, Object[].class)
                .getResultList());
    }

    public static long count(Database database, String sql) {
        chainIfAudit(sql);
        return QuarkusTransaction.requiringNew().call(() -> ((Number) database.session()
                .createNativeQuery(sql, Object.class).getSingleResult()).longValue());
    }

    private static void chainIfAudit(String sql) {
        if (sql.contains("audit_event")) {
            Arc.container().instance(AuditChainer.class).get().chainAll();
        }
    }
}
