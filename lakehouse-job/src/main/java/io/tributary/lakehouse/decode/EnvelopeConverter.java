package io.tributary.lakehouse.decode;

import io.tributary.lakehouse.cdc.Op;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Converts a decoded Debezium envelope (and its key) into one row of {@link TableLayout#decodedSchema()}.
 * Pure: no registry, no Spark session. Unchanged TOAST columns (the placeholder) become null in {@code after} and
 * are listed in {@code _unavailable_columns}.
 */
public final class EnvelopeConverter {

    private final TableLayout layout;
    private final StructType decodedSchema;
    private final String placeholder;
    private final byte[] placeholderBytes;

    public EnvelopeConverter(TableLayout layout, String toastPlaceholder) {
        this.layout = layout;
        this.decodedSchema = layout.decodedSchema();
        this.placeholder = toastPlaceholder;
        this.placeholderBytes = toastPlaceholder.getBytes(StandardCharsets.UTF_8);
    }

    public StructType decodedSchema() {
        return decodedSchema;
    }

    /**
     * @param envelope the value record (writer schema attached)
     * @param key      the key record, null for truncates
     * @throws PoisonRecordException when the record cannot be applied
     */
    public Row convert(GenericRecord envelope, GenericRecord key, KafkaCoordinates at) {
        Schema schema = envelope.getSchema();
        if (!Envelopes.isEnvelope(schema)) {
            throw new PoisonRecordException("value schema " + schema.getFullName()
                    + " is not a Debezium envelope (needs before, after, source, op)");
        }
        Object opValue = envelope.get(Envelopes.OP);
        if (opValue == null) {
            throw new PoisonRecordException("envelope has no op");
        }
        Op op;
        try {
            op = Op.fromCode(opValue.toString());
        } catch (IllegalArgumentException e) {
            throw new PoisonRecordException(e.getMessage());
        }
        if (op != Op.TRUNCATE && key == null) {
            throw new PoisonRecordException("missing key: a '" + op.code() + "' change needs the primary key as"
                    + " Kafka key (is the table without primary key? give it one or set REPLICA IDENTITY)");
        }
        GenericRecord source = (GenericRecord) envelope.get(Envelopes.SOURCE);
        if (source == null) {
            throw new PoisonRecordException("envelope has no source block");
        }
        Object lsn = source.getSchema().getField(Envelopes.SOURCE_LSN) == null ? null : source.get(Envelopes.SOURCE_LSN);
        if (!(lsn instanceof Number)) {
            throw new PoisonRecordException("envelope has no source.lsn (expected from the Postgres connector)");
        }
        Object sourceTs = source.getSchema().getField(Envelopes.SOURCE_TS_MS) == null ? null
                : source.get(Envelopes.SOURCE_TS_MS);
        Row keyRow = null;
        if (key != null) {
            keyRow = AvroSparkValues.toRow(key, layout.keyType());
            for (int i = 0; i < keyRow.length(); i++) {
                if (keyRow.isNullAt(i)) {
                    throw new PoisonRecordException("key column " + layout.keyType().fields()[i].name() + " is null");
                }
            }
        }
        List<String> unavailable = new ArrayList<>();
        java.util.Set<String> flagged = new java.util.HashSet<>();
        if (schema.getField(Envelopes.UNAVAILABLE_COLUMNS) != null
                && envelope.get(Envelopes.UNAVAILABLE_COLUMNS) instanceof Iterable<?> listed) {
            listed.forEach(c -> flagged.add(c.toString()));
        }
        Row after = rowOf((GenericRecord) envelope.get(Envelopes.AFTER), flagged, unavailable);
        if (op.carriesRow() && after == null) {
            throw new PoisonRecordException("a '" + op.code() + "' change without after image");
        }
        Row before = rowOf((GenericRecord) envelope.get(Envelopes.BEFORE), java.util.Set.of(), new ArrayList<>());

        Object[] values = new Object[decodedSchema.fields().length];
        int i = 0;
        values[i++] = at.topic();
        values[i++] = at.partition();
        values[i++] = at.offset();
        values[i++] = at.timestamp();
        values[i++] = keyRow;
        values[i++] = op.code();
        Object ts = envelope.getSchema().getField(Envelopes.TS_MS) == null ? null : envelope.get(Envelopes.TS_MS);
        values[i++] = ts == null ? null : ((Number) ts).longValue();
        values[i++] = ((Number) lsn).longValue();
        values[i++] = sourceTs == null ? null : ((Number) sourceTs).longValue();
        values[i++] = AvroSparkValues.toRow(source, layout.sourceType());
        values[i++] = before;
        values[i++] = after;
        if (layout.transactionType() != null) {
            Schema.Field txField = schema.getField(Envelopes.TRANSACTION);
            Object tx = txField == null ? null : envelope.get(Envelopes.TRANSACTION);
            values[i++] = tx == null ? null : AvroSparkValues.toRow((GenericRecord) tx, layout.transactionType());
        }
        for (StructField extra : layout.extraType().fields()) {
            Schema.Field f = schema.getField(extra.name());
            values[i++] = f == null ? null : AvroSparkValues.convert(envelope.get(f.pos()), f.schema(), extra.dataType());
        }
        values[i++] = CollectionConverters.asScala(unavailable).toSeq();
        values[i++] = at.readAt();
        values[i++] = null;
        values[i++] = null;
        values[i] = null;
        return new GenericRowWithSchema(values, decodedSchema);
    }

    /** A poison row: only the Kafka coordinates, the raw bytes and the error. */
    public Row poison(KafkaCoordinates at, byte[] rawKey, byte[] rawValue, String error) {
        return poison(decodedSchema, at, rawKey, rawValue, error);
    }

    public static Row poison(StructType decodedSchema, KafkaCoordinates at, byte[] rawKey, byte[] rawValue,
                             String error) {
        Object[] values = new Object[decodedSchema.fields().length];
        values[0] = at.topic();
        values[1] = at.partition();
        values[2] = at.offset();
        values[3] = at.timestamp();
        int n = values.length;
        values[n - 3] = error;
        values[n - 2] = rawKey;
        values[n - 1] = rawValue;
        return new GenericRowWithSchema(values, decodedSchema);
    }

    /** The row image; a column flagged by the engine or carrying the placeholder is null and listed as unavailable. */
    private Row rowOf(GenericRecord record, java.util.Set<String> flagged, List<String> unavailable) {
        if (record == null) {
            return null;
        }
        StructType rowType = layout.rowType();
        Object[] values = new Object[rowType.fields().length];
        Schema schema = record.getSchema();
        for (int i = 0; i < values.length; i++) {
            StructField field = rowType.fields()[i];
            Schema.Field writerField = schema.getField(field.name());
            if (writerField == null) {
                continue;
            }
            Object raw = record.get(writerField.pos());
            if (flagged.contains(field.name()) || isPlaceholder(raw)) {
                unavailable.add(field.name());
                continue;
            }
            try {
                values[i] = AvroSparkValues.convert(raw, writerField.schema(), field.dataType());
            } catch (UnsupportedSchemaException | ClassCastException | ArithmeticException e) {
                throw new PoisonRecordException("column " + field.name() + ": " + e.getMessage(), e);
            }
        }
        return new GenericRowWithSchema(values, rowType);
    }

    private boolean isPlaceholder(Object raw) {
        if (raw instanceof CharSequence text) {
            return placeholder.contentEquals(text);
        }
        if (raw instanceof ByteBuffer buffer) {
            return buffer.remaining() == placeholderBytes.length
                    && buffer.duplicate().equals(ByteBuffer.wrap(placeholderBytes));
        }
        return false;
    }
}
