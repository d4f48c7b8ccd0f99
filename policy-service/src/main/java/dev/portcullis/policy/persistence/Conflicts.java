package dev.portcullis.policy.persistence;

import java.sql.SQLException;

/**
 * Whether a failed write lost a race with another transaction: a key the other one took first (SQL
 * state class 23), or a lock it held too long (a lock timeout, a serialisation failure, a deadlock, H2's
 * concurrent update).
 * Asked again, the same write finds what the winner committed.
 */
public final class Conflicts {

    private Conflicts() {
    }

    public static boolean lostRace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException
                    || t instanceof org.hibernate.exception.LockAcquisitionException
                    || t instanceof org.hibernate.PessimisticLockException
                    || t instanceof jakarta.persistence.PessimisticLockException
                    || t instanceof jakarta.persistence.LockTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && raced(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean raced(SQLException sql) {
        for (SQLException e = sql; e != null; e = e.getNextException()) {
            String state = e.getSQLState();
            if (state != null && (state.startsWith("23") || state.equals("40001") || state.equals("40P01")
                    || state.equals("HYT00") || state.equals("90131"))) {
                return true;
            }
        }
        return false;
    }
}
