package io.tributary.cdc.slot;

import java.util.List;

import io.tributary.cdc.avro.ConnectAvroConverter;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The delete a reset writes for a key that was live in its topic: the Debezium envelope of the topic's value schema
 * with {@code op = d}, {@code before} the key's last image in the topic (as a delete under REPLICA IDENTITY FULL
 * carries it: a consumer that aggregates, like the gold stage, retracts that row), {@code after} null, and a source
 * block whose LSN is the WAL position taken before the slot was dropped. The re-snapshot that follows reads every row that still exists at a later LSN, so a key
 * deleted while no slot kept the WAL ends deleted, and every other key ends as the snapshot read it.
 * {@code source.sequence} is {@code [null, lsn]}: like a snapshot read, it has no last commit, so that the lake orders
 * it against the re-snapshot's reads by LSN.
 */
public final class ResetDelete {
    private ResetDelete() {
    }

    /** @param before the key's last image, in the envelope's row schema (null when the topic has none) */
    public static GenericRecord of(Schema envelope, GenericRecord before, long lsn, long nowMillis, String topicPrefix,
                                   String database, String schema, String table) {
        GenericRecord value = new GenericData.Record(envelope);
        for (Schema.Field f : envelope.getFields()) {
            Object v = switch (f.name()) {
                case "before" -> before;
                case "after", "transaction" -> null;
                case "op" -> "d";
                case "ts_ms" -> nowMillis;
                case "ts_us" -> nowMillis * 1_000L;
                case "ts_ns" -> nowMillis * 1_000_000L;
                case "unavailable_columns" -> List.of();
                case "source" -> source(ConnectAvroConverter.nonNull(f.schema()), lsn, nowMillis, topicPrefix, database, schema, table);
                default -> fallback(f);
            };
            value.put(f.name(), v);
        }
        return value;
    }

    private static GenericRecord source(Schema source, long lsn, long nowMillis, String topicPrefix, String database,
                                        String schema, String table) {
        GenericRecord s = new GenericData.Record(source);
        for (Schema.Field f : source.getFields()) {
            Object v = switch (f.name()) {
                case "version" -> "tributary-reset";
                case "connector" -> "postgresql";
                case "name" -> topicPrefix;
                case "ts_ms" -> nowMillis;
                case "ts_us" -> nowMillis * 1_000L;
                case "ts_ns" -> nowMillis * 1_000_000L;
                case "snapshot" -> text(f.schema(), "false");
                case "db" -> database;
                case "schema" -> schema;
                case "table" -> table;
                case "sequence" -> "[null,\"" + lsn + "\"]";
                case "lsn" -> lsn;
                default -> fallback(f);
            };
            s.put(f.name(), v);
        }
        return s;
    }

    /** A string, or the enum symbol, as the field's (non-null) type wants it. */
    private static Object text(Schema field, String text) {
        Schema type = ConnectAvroConverter.nonNull(field);
        return type.getType() == Schema.Type.ENUM ? new GenericData.EnumSymbol(type, text) : text;
    }

    /** Null where allowed, else the field's default, else the zero of its type. */
    private static Object fallback(Schema.Field f) {
        if (ConnectAvroConverter.isNullable(f.schema())) {
            return null;
        }
        if (f.hasDefaultValue()) {
            return GenericData.get().getDefaultValue(f);
        }
        return switch (f.schema().getType()) {
            case STRING -> "";
            case LONG -> 0L;
            case INT -> 0;
            case BOOLEAN -> false;
            case DOUBLE -> 0.0;
            case FLOAT -> 0.0f;
            case ARRAY -> List.of();
            default -> throw new IllegalArgumentException("cannot fill field " + f.name() + " of type " + f.schema());
        };
    }
}
