package io.tributary.simulator.db;

import java.sql.SQLException;
import java.util.Set;

/** Which SQL errors are worth retrying: transient conflicts and lost connections. Everything else is permanent. */
public final class SqlErrors {

    private static final Set<String> RETRIABLE_STATES = Set.of(
            "40001", // serialization_failure
            "40P01", // deadlock_detected
            "55P03", // lock_not_available (our lock_timeout)
            "57P01", // admin_shutdown
            "57P02", // crash_shutdown
            "57P03", // cannot_connect_now (server starting or in recovery)
            "53300"  // too_many_connections
    );

    private SqlErrors() {
    }

    public static boolean isRetriable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && isRetriableState(s.getSQLState(), s.getMessage())) {
                return true;
            }
        }
        return false;
    }

    static boolean isRetriableState(String state, String message) {
        if (state == null) {
            return false;
        }
        if (state.startsWith("08") || RETRIABLE_STATES.contains(state)) {
            return true;
        }
        // after ALTER COLUMN TYPE a server-side prepared statement is stale; pgjdbc re-prepares on retry
        return isStalePlanState(state, message);
    }

    /** The server-prepared statement predates a column type change (pgjdbc re-prepares it on the retry). */
    public static boolean isStalePlan(SQLException e) {
        return isStalePlanState(e.getSQLState(), e.getMessage());
    }

    private static boolean isStalePlanState(String state, String message) {
        return "0A000".equals(state) && message != null && message.contains("cached plan must not change result type");
    }

    /** Whether the connection itself is probably gone (reconnect before retrying). */
    public static boolean isConnectionLoss(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }
}
