package io.tributary.cdc.signal;

/** Starts the backfill of one captured table, served on cdc-engine's HTTP port as {@code POST /tables/<schema.table>/backfill}. */
public interface TableBackfill {
    /**
     * Requests an incremental snapshot of {@code table} ({@code schema.table}); returns at once, the snapshot runs in
     * the engine while streaming goes on.
     *
     * @throws BackfillException when the table cannot be backfilled (status 400, 404, 409) or PostgreSQL does not
     *                           answer (503); the message says what to do
     */
    BackfillRequest backfill(String table);

    /** A backfill that cannot be started; {@code status} is its HTTP status. */
    final class BackfillException extends RuntimeException {
        private final int status;

        public BackfillException(int status, String message, Throwable cause) {
            super(message, cause);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
