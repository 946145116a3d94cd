package io.tributary.platform.trace;

/**
 * The key's row in PostgreSQL now.
 *
 * @param found      false when the table has no row with the key (deleted, or never there)
 * @param xmin       the transaction that wrote this row version
 * @param commitTsMs its commit time ({@code pg_xact_commit_timestamp}), null when track_commit_timestamp is off
 * @param valuesJson the row as {@code row_to_json} renders it, null when not found
 */
public record PostgresRow(boolean found, long xmin, Long commitTsMs, String valuesJson) {

    public static PostgresRow missing() {
        return new PostgresRow(false, 0, null, null);
    }
}
