package io.tributary.cdc.avro;

/** What a Debezium source record is, for routing and metrics. */
public enum ChangeKind {
    /** A row change or truncate in the Debezium envelope (op c, u, d, r, t). */
    CHANGE,
    /** The null-valued record that follows a delete, for log compaction. */
    TOMBSTONE,
    /** An engine heartbeat: only advances the offset, never written to Kafka. */
    HEARTBEAT,
    /**
     * A row of Debezium's signal table (a backfill request, an incremental snapshot's watermark): Debezium acts on it;
     * it only advances the offset, never written to Kafka.
     */
    SIGNAL
}
