package io.tributary.cdc.avro;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.tributary.cdc.signal.SignalTable;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Converts Debezium source records (Connect format) to {@link AvroChange}s.
 *
 * <p>The value keeps the Debezium envelope field for field (before, after, source, transaction, op, ts_ms,
 * ts_us, ts_ns) and adds one field, {@value #UNAVAILABLE_COLUMNS}: the names of the {@code after} columns whose
 * value PostgreSQL did not send (unchanged TOAST) and that could not be taken from {@code before}. Such a column
 * holds the placeholder (text: the placeholder string; bytea: its UTF-8 bytes; arrays: a one-element array).
 * When {@code before} carries the real value (REPLICA IDENTITY FULL), it is copied into {@code after} and the
 * column is not listed. See docs/cdc-engine.md, "TOAST contract".
 *
 * <p>Every change carries {@code source.lsn}: where Debezium leaves it null (the reads of an incremental snapshot), the
 * record's offset LSN is put there.
 */
public final class ChangeEventConverter {
    public static final String UNAVAILABLE_COLUMNS = "unavailable_columns";
    public static final String DEFAULT_PLACEHOLDER = "__debezium_unavailable_value";

    private static final Schema UNAVAILABLE_SCHEMA = Schema.createArray(Schema.create(Schema.Type.STRING));

    private final ConnectAvroConverter converter;
    private final String placeholder;
    private final ByteBuffer placeholderBytes;
    private final Map<org.apache.kafka.connect.data.Schema, Schema> envelopes = new IdentityHashMap<>();

    public ChangeEventConverter(ConnectAvroConverter converter, String placeholder) {
        this.converter = converter;
        this.placeholder = placeholder;
        this.placeholderBytes = ByteBuffer.wrap(placeholder.getBytes(StandardCharsets.UTF_8));
    }

    public AvroChange convert(SourceRecord record) {
        String topic = record.topic();
        Long offsetLsn = offsetLong(record, "lsn");
        if (isHeartbeat(record)) {
            return new AvroChange(topic, null, ChangeKind.HEARTBEAT, null, null, null, offsetLsn, null);
        }
        if (isSignal(record)) {
            return new AvroChange(topic, SignalTable.NAME, ChangeKind.SIGNAL, null, null, null, offsetLsn, null);
        }
        GenericRecord key = record.key() == null ? null
                : converter.toRecord((Struct) record.key(), converter.toAvroSchema(record.keySchema()));
        String table = tableOf(topic);
        if (record.value() == null) {
            return new AvroChange(topic, table, ChangeKind.TOMBSTONE, null, key, null, offsetLsn, null);
        }
        Struct envelope = (Struct) record.value();
        Schema valueSchema = envelopeSchema(record.valueSchema());
        GenericData.Record value = new GenericData.Record(valueSchema);
        for (org.apache.kafka.connect.data.Field field : envelope.schema().fields()) {
            Schema.Field avroField = valueSchema.getField(field.name());
            value.put(avroField.pos(), converter.toAvroValue(field.schema(), envelope.get(field), avroField.schema()));
        }
        int[] filled = new int[1];
        List<String> unavailable = resolveUnavailable(value, filled);
        value.put(UNAVAILABLE_COLUMNS, new GenericData.Array<>(UNAVAILABLE_SCHEMA, unavailable));

        Struct source = envelope.schema().field("source") == null ? null : envelope.getStruct("source");
        Long lsn = source != null && source.schema().field("lsn") != null ? source.getInt64("lsn") : offsetLsn;
        if (lsn == null && source != null && source.schema().field("lsn") != null && offsetLsn != null) {
            // an incremental snapshot's read (./tributary backfill): Debezium 3.6 leaves source.lsn null; its offset is
            // the stream position the read was sent at, its chunk's closing watermark (also source.sequence[1])
            lsn = offsetLsn;
            ((GenericRecord) value.get("source")).put("lsn", lsn);
        }
        Long tsMs = source != null && source.schema().field("ts_ms") != null ? source.getInt64("ts_ms") : null;
        if (source != null && source.schema().field("schema") != null && source.getString("schema") != null) {
            table = source.getString("schema") + "." + source.getString("table");
        }
        String op = envelope.schema().field("op") == null ? null : envelope.getString("op");
        return new AvroChange(topic, table, ChangeKind.CHANGE, op, key, value, lsn, tsMs, filled[0], unavailable.size());
    }

    /**
     * Topic, table, kind, op and LSN of a record without converting a single column, so that a record whose
     * conversion fails can still be routed and named. Same table and LSN as {@link #convert} reports.
     */
    public static RecordOrigin origin(SourceRecord record) {
        String topic = record.topic();
        Long lsn = offsetLong(record, "lsn");
        if (isHeartbeat(record)) {
            return new RecordOrigin(topic, null, ChangeKind.HEARTBEAT, null, lsn, false);
        }
        if (isSignal(record)) {
            return new RecordOrigin(topic, SignalTable.NAME, ChangeKind.SIGNAL, null, lsn, false);
        }
        String table = tableOf(topic);
        if (record.value() == null) {
            return new RecordOrigin(topic, table, ChangeKind.TOMBSTONE, null, lsn, record.key() != null);
        }
        String op = null;
        if (record.value() instanceof Struct envelope) {
            org.apache.kafka.connect.data.Schema schema = envelope.schema();
            Struct source = schema.field("source") != null && envelope.get("source") instanceof Struct s ? s : null;
            if (source != null && source.schema().field("lsn") != null && source.get("lsn") instanceof Long l) {
                lsn = l;
            }
            if (source != null && source.schema().field("schema") != null && source.get("schema") instanceof String sc
                    && source.schema().field("table") != null && source.get("table") instanceof String t) {
                table = sc + "." + t;
            }
            op = schema.field("op") != null && envelope.get("op") instanceof String o ? o : null;
        }
        return new RecordOrigin(topic, table, ChangeKind.CHANGE, op, lsn, record.key() != null);
    }

    /** The Avro value schema for an envelope: the converted envelope plus {@value #UNAVAILABLE_COLUMNS}. */
    public synchronized Schema envelopeSchema(org.apache.kafka.connect.data.Schema connectEnvelope) {
        Schema cached = envelopes.get(connectEnvelope);
        if (cached == null) {
            Schema base = converter.toAvroSchema(connectEnvelope);
            if (base.getType() != Schema.Type.RECORD) {
                throw new IllegalArgumentException("value schema " + connectEnvelope.name() + " is not a record");
            }
            List<Schema.Field> fields = new ArrayList<>();
            for (Schema.Field f : base.getFields()) {
                fields.add(new Schema.Field(f, f.schema()));
            }
            fields.add(new Schema.Field(UNAVAILABLE_COLUMNS, UNAVAILABLE_SCHEMA,
                    "after columns whose value PostgreSQL did not send (unchanged TOAST); they hold the placeholder "
                            + "and the stored value must be kept", List.of()));
            cached = Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
            base.getObjectProps().forEach(cached::addProp);
            envelopes.put(connectEnvelope, cached);
        }
        return cached;
    }

    /**
     * Replaces placeholders in {@code after} by the {@code before} value when that is real, and returns the
     * columns that stay unavailable.
     */
    List<String> resolveUnavailable(GenericData.Record envelope, int[] filled) {
        if (envelope.getSchema().getField("after") == null) {
            return List.of();
        }
        GenericRecord after = (GenericRecord) envelope.get("after");
        if (after == null) {
            return List.of();
        }
        GenericRecord before = envelope.getSchema().getField("before") == null ? null : (GenericRecord) envelope.get("before");
        List<String> unavailable = new ArrayList<>();
        for (Schema.Field f : after.getSchema().getFields()) {
            if (!isPlaceholder(after.get(f.pos()))) {
                continue;
            }
            Object previous = before == null ? null : before.get(f.name());
            if (before != null && !isPlaceholder(previous) && (previous != null || ConnectAvroConverter.isNullable(f.schema()))) {
                after.put(f.pos(), previous);
                filled[0]++;
            } else {
                unavailable.add(f.name());
            }
        }
        return unavailable;
    }

    private boolean isPlaceholder(Object value) {
        if (value instanceof CharSequence s) {
            return placeholder.contentEquals(s);
        }
        if (value instanceof ByteBuffer b) {
            // equals compares the remaining bytes without moving either buffer's position
            return b.remaining() == placeholderBytes.remaining() && placeholderBytes.equals(b);
        }
        if (value instanceof List<?> list) {
            return list.size() == 1 && isPlaceholder(list.get(0));
        }
        return false;
    }

    private static boolean isHeartbeat(SourceRecord record) {
        return record.topic() != null && record.topic().startsWith("__debezium-heartbeat")
                || record.valueSchema() != null && "io.debezium.connector.common.Heartbeat".equals(record.valueSchema().name());
    }

    /** A change (or tombstone) of the signal table, which Debezium captures to act on it. */
    private static boolean isSignal(SourceRecord record) {
        return record.topic() != null && SignalTable.NAME.equals(tableOf(record.topic()));
    }

    private static Long offsetLong(SourceRecord record, String name) {
        Map<String, ?> offset = record.sourceOffset();
        return offset != null && offset.get(name) instanceof Number n ? n.longValue() : null;
    }

    /** {@code prefix.schema.table} -> {@code schema.table}. */
    private static String tableOf(String topic) {
        int last = topic.lastIndexOf('.');
        int previous = last <= 0 ? -1 : topic.lastIndexOf('.', last - 1);
        return previous < 0 ? topic : topic.substring(previous + 1);
    }
}
