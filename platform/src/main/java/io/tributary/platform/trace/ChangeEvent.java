package io.tributary.platform.trace;

import java.util.Map;

/**
 * The change event of a key as cdc-engine published it: where it is in Kafka, the schema that wrote it, and the
 * decoded envelope (op, LSN, source commit time, transaction, images as JSON text).
 *
 * @param timestampMs   the record's Kafka timestamp (when cdc-engine produced it)
 * @param schemaVersion the value schema's version under {@code <topic>-value}, null when the registry does not say
 * @param sourceTsMs    the source commit time (Debezium's {@code source.ts_ms}), the lake's {@code _source_ts_ms}
 * @param txId          the source transaction id, null when the event has none
 * @param key           the key's columns and values as text
 */
public record ChangeEvent(String topic, int partition, long offset, long timestampMs, int schemaId, Integer schemaVersion,
                          String op, long lsn, long sourceTsMs, Long txId, Map<String, String> key, String before,
                          String after) {

    /** A row the initial snapshot read: its source time is the snapshot's, not a commit of the row. */
    public boolean snapshot() {
        return "r".equals(op);
    }
}
