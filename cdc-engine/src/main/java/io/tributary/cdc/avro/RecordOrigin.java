package io.tributary.cdc.avro;

/**
 * Where an engine record comes from, read without converting any column: enough to route it (normal topic or
 * parking) and to name it in messages even when its conversion fails.
 *
 * @param topic  the change topic ({@code <prefix>.<schema>.<table>})
 * @param table  {@code <schema>.<table>}, or null for a heartbeat
 * @param kind   change, tombstone or heartbeat
 * @param op     Debezium op (c, u, d, r, t), or null for tombstones, heartbeats and unreadable envelopes
 * @param lsn    WAL position of the change, or null when unknown
 * @param hasKey whether the record has a key (a delete without key is followed by no tombstone)
 */
public record RecordOrigin(String topic, String table, ChangeKind kind, String op, Long lsn, boolean hasKey) {
    /** {@code shop.orders at LSN 123} */
    public String describe() {
        return (table == null ? topic : table) + " at LSN " + lsn;
    }
}
