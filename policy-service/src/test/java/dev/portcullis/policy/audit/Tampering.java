package dev.portcullis.policy.audit;

import dev.portcullis.policy.persistence.Database;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.LockModeType;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.hibernate.Session;

/**
 * Tampering with the chain for a test: the edit and the check run in one transaction that holds the
 * head's lock and is then rolled back, so nothing is chained meanwhile and nothing of the edit stays.
 * Inside, never chain (nor use {@code Tables}, which chains): that would wait for the lock held here.
 */
final class Tampering {

    private Tampering() {
    }

    @SuppressWarnings("unchecked")
    static <T> T rolledBack(Database database, AuditChainer chainer, Consumer<Session> tamper, Supplier<T> check) {
        chainer.chainAll();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                Session session = database.session();
                session.find(AuditHead.class, AuditHead.ROW, LockModeType.PESSIMISTIC_WRITE);
                tamper.accept(session);
                session.flush();
                session.clear();
                throw new RolledBack(check.get());
            });
        } catch (RolledBack rolledBack) {
            return (T) rolledBack.result;
        }
        throw new AssertionError("the tampering transaction must roll back");
    }

    /** Carries a result out of the transaction that it rolls back. */
    private static final class RolledBack extends RuntimeException {
        final transient Object result;

        RolledBack(Object result) {
            super(null, null, false, false);
            this.result = result;
        }
    }
}
