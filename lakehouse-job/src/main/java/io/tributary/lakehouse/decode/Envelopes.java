package io.tributary.lakehouse.decode;

import org.apache.avro.Schema;

/** Field names and shape checks of the Debezium change-event envelope. */
public final class Envelopes {

    public static final String BEFORE = "before";
    public static final String AFTER = "after";
    public static final String SOURCE = "source";
    public static final String OP = "op";
    public static final String TS_MS = "ts_ms";
    public static final String TRANSACTION = "transaction";
    public static final String SOURCE_LSN = "lsn";
    public static final String SOURCE_TS_MS = "ts_ms";
    /** {@code ["<last commit lsn>","<lsn>"]}: Debezium's PostgreSQL source block, a JSON array of strings (or null). */
    public static final String SOURCE_SEQUENCE = "sequence";
    /** Added by the cdc-engine: the after columns PostgreSQL did not send (unchanged TOAST). */
    public static final String UNAVAILABLE_COLUMNS = "unavailable_columns";
    /** The envelope fields the job maps itself; any other field is carried to bronze as it is. */
    public static final java.util.Set<String> MAPPED = java.util.Set.of(BEFORE, AFTER, SOURCE, OP, TS_MS, TRANSACTION,
            UNAVAILABLE_COLUMNS);

    private Envelopes() {
    }

    /** True when the schema is a record with before/after rows, a source block and op. */
    public static boolean isEnvelope(Schema schema) {
        if (schema.getType() != Schema.Type.RECORD) {
            return false;
        }
        Schema.Field before = schema.getField(BEFORE);
        Schema.Field after = schema.getField(AFTER);
        Schema.Field source = schema.getField(SOURCE);
        return before != null && after != null && source != null && schema.getField(OP) != null
                && AvroSparkTypes.nonNull(after.schema()).getType() == Schema.Type.RECORD
                && AvroSparkTypes.nonNull(source.schema()).getType() == Schema.Type.RECORD;
    }

    /** The row record schema of an envelope (the type of {@code after}). */
    public static Schema rowSchema(Schema envelope) {
        return AvroSparkTypes.nonNull(envelope.getField(AFTER).schema());
    }
}
