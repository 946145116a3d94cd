package io.tributary.cdc.parking;

import io.tributary.cdc.avro.ChangeKind;

/**
 * One change of a parked table in its self-describing form (no registry needed to read it).
 *
 * @param table {@code <schema>.<table>}
 * @param kind  change or tombstone
 * @param op    Debezium op, or null (tombstone)
 * @param lsn   WAL position, or null when unknown
 * @param json  the record as written by {@link ParkedChangeCodec}
 */
public record ParkedChange(String table, ChangeKind kind, String op, Long lsn, byte[] json) {
}
