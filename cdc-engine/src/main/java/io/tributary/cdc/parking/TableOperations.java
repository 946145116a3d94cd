package io.tributary.cdc.parking;

import java.util.List;

/**
 * What an operator does with parked tables, served on cdc-engine's HTTP port (see {@code MetricsServer}):
 * {@code GET /tables/parked}, {@code POST /tables/<schema.table>/accept-schema}, {@code POST /tables/<schema.table>/resume}.
 */
public interface TableOperations {
    /** The parked tables with reason and fix. */
    List<ParkedTable> parked();

    /**
     * Registers the schemas of the table's parked changes that the registry refuses, each under a one-time
     * compatibility override (NONE) of its subject, restoring the subject's level right after.
     */
    AcceptResult acceptSchema(String table) throws InterruptedException;

    /** Replays the table's parked changes, in order, into its topic; then it streams normally again. */
    ResumeResult resume(String table) throws InterruptedException;

    /** One schema of a parked table's changes and what accept-schema did with it. */
    record AcceptedSchema(String subject, int id, int version, boolean overridden, String previousLevel) {
    }

    record AcceptResult(String table, int parkedChanges, List<AcceptedSchema> schemas) {
    }

    record ResumeResult(String table, String topic, int replayed, int duplicatesSkipped) {
    }

    /** An operation that cannot be done now; {@code status} is its HTTP status (404, 409, 503, 500). */
    final class TableOperationException extends RuntimeException {
        private final int status;

        public TableOperationException(int status, String message, Throwable cause) {
            super(message, cause);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
