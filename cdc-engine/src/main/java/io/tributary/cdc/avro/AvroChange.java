package io.tributary.cdc.avro;

import org.apache.avro.generic.GenericRecord;

/**
 * One source record converted to Avro, ready to be serialized and sent.
 *
 * @param topic  target topic ({@code <prefix>.<schema>.<table>})
 * @param table  {@code <schema>.<table>} the change belongs to
 * @param kind   change, tombstone or heartbeat
 * @param op     Debezium op (c, u, d, r, t), or null for tombstones and heartbeats
 * @param key    primary-key record, or null (truncate, tables without a primary key, heartbeat)
 * @param value  envelope record, or null for tombstones and heartbeats
 * @param lsn    WAL position of the change, or null when unknown
 * @param sourceTsMs commit time in the source database (ms since epoch), or null
 * @param toastFilled number of unchanged-TOAST columns whose value was copied from the before image
 * @param toastUnavailable number of unchanged-TOAST columns left with the placeholder
 */
public record AvroChange(String topic, String table, ChangeKind kind, String op, GenericRecord key, GenericRecord value,
                         Long lsn, Long sourceTsMs, int toastFilled, int toastUnavailable) {
    public AvroChange(String topic, String table, ChangeKind kind, String op, GenericRecord key, GenericRecord value,
                      Long lsn, Long sourceTsMs) {
        this(topic, table, kind, op, key, value, lsn, sourceTsMs, 0, 0);
    }
}
