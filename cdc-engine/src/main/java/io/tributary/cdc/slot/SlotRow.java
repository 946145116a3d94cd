package io.tributary.cdc.slot;

/**
 * The replication slot as {@code pg_replication_slots} shows it.
 *
 * @param walStatus          {@code reserved}, {@code extended}, {@code unreserved} or {@code lost} (past
 *                           {@code max_slot_wal_keep_size}: the WAL it needs is gone)
 * @param confirmedFlushLsn  the position the consumer confirmed (-1 when null)
 */
public record SlotRow(String walStatus, long confirmedFlushLsn) {
}
