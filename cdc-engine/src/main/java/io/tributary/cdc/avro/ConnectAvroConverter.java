package io.tributary.cdc.avro;

import static io.tributary.contracts.types.ConnectType.CONNECT_DATE;
import static io.tributary.contracts.types.ConnectType.CONNECT_NAME;
import static io.tributary.contracts.types.ConnectType.CONNECT_TIMESTAMP;
import static io.tributary.contracts.types.ConnectType.DEBEZIUM_DATE;
import static io.tributary.contracts.types.ConnectType.DEBEZIUM_MICRO_TIME;
import static io.tributary.contracts.types.ConnectType.DEBEZIUM_MICRO_TIMESTAMP;
import static io.tributary.contracts.types.ConnectType.DEBEZIUM_TIMESTAMP;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * Pure mapping of Kafka Connect schemas and values (as produced by Debezium) to Avro schemas and
 * generic data. The full table is in docs/cdc-engine.md; in short:
 *
 * <ul>
 *   <li>INT8/INT16/INT32 -> int, INT64 -> long, FLOAT32 -> float, FLOAT64 -> double, BOOLEAN -> boolean,
 *       STRING -> string, BYTES -> bytes, ARRAY -> array, MAP (string keys) -> map, STRUCT -> record;</li>
 *   <li>Connect Decimal (numeric(p,s)) -> bytes with logicalType decimal(p,s); money (a Decimal without precision,
 *       source type MONEY) -> decimal(19, s);</li>
 *   <li>io.debezium.time.Date / Connect Date -> int date; io.debezium.time.MicroTimestamp -> long
 *       local-timestamp-micros; io.debezium.time.Timestamp -> long local-timestamp-millis;
 *       io.debezium.time.MicroTime -> long time-micros; Connect Timestamp -> long timestamp-millis;
 *       io.debezium.time.ZonedTimestamp (timestamptz) -> ISO-8601 string;</li>
 *   <li>optional -> union with null; null first with default null unless the column has a non-null default.</li>
 * </ul>
 *
 * Every converted type keeps its Connect name as the Avro property {@code connect.name}.
 * Instances cache converted schemas by identity (Debezium reuses schema objects) and are thread-safe.
 */
public final class ConnectAvroConverter {
    public static final String DECIMAL_PRECISION_PARAM = "connect.decimal.precision";
    /** Set by Debezium for the types named in {@code datatype.propagate.source.type} (money, see EngineProperties). */
    static final String SOURCE_COLUMN_TYPE_PARAM = "__debezium.source.column.type";
    static final String MONEY = "MONEY";
    static final String MONEY_PRECISION = "19";

    private final Map<org.apache.kafka.connect.data.Schema, Schema> cache = new IdentityHashMap<>();

    /** Converts a Connect schema (a record schema for keys and envelopes) to Avro. */
    public synchronized Schema toAvroSchema(org.apache.kafka.connect.data.Schema connect) {
        Schema cached = cache.get(connect);
        if (cached == null) {
            cached = new SchemaBuilding().convert(connect, "root");
            cache.put(connect, cached);
        }
        return cached;
    }

    /** Converts a Connect value to Avro generic data for the given (converted) Avro schema. */
    public Object toAvroValue(org.apache.kafka.connect.data.Schema connect, Object value, Schema avro) {
        if (value == null) {
            if (!isNullable(avro)) {
                throw new IllegalArgumentException("null value for non-optional " + describe(connect));
            }
            return null;
        }
        Schema target = nonNull(avro);
        return switch (connect.type()) {
            case STRUCT -> toRecord((Struct) value, target);
            case INT8 -> ((Number) value).intValue();
            case INT16 -> ((Number) value).intValue();
            case INT32 -> int32(connect, value);
            case INT64 -> int64(connect, value);
            case FLOAT32 -> ((Number) value).floatValue();
            case FLOAT64 -> ((Number) value).doubleValue();
            case BOOLEAN -> (Boolean) value;
            case STRING -> value.toString();
            case BYTES -> bytes(connect, value);
            case ARRAY -> {
                List<?> items = (List<?>) value;
                List<Object> out = new ArrayList<>(items.size());
                for (Object item : items) {
                    out.add(toAvroValue(connect.valueSchema(), item, target.getElementType()));
                }
                yield new GenericData.Array<>(target, out);
            }
            case MAP -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    out.put(String.valueOf(e.getKey()), toAvroValue(connect.valueSchema(), e.getValue(), target.getValueType()));
                }
                yield out;
            }
        };
    }

    /** Converts a Connect struct to an Avro record of the given schema. */
    public GenericData.Record toRecord(Struct struct, Schema avroRecord) {
        GenericData.Record record = new GenericData.Record(avroRecord);
        for (Field field : struct.schema().fields()) {
            Schema.Field avroField = avroRecord.getField(field.name());
            try {
                record.put(avroField.pos(), toAvroValue(field.schema(), struct.get(field), avroField.schema()));
            } catch (ColumnEncodingException e) {
                // a struct-valued column: keep the path from this column down
                throw new ColumnEncodingException(field.name() + "." + e.column(), e.type(), e.problem(), e.getCause());
            } catch (RuntimeException e) {
                throw new ColumnEncodingException(field.name(), describe(field.schema()), String.valueOf(e.getMessage()), e);
            }
        }
        return record;
    }

    private static Object int32(org.apache.kafka.connect.data.Schema connect, Object value) {
        if (CONNECT_DATE.is(connect.name()) && value instanceof java.util.Date d) {
            return (int) TimeUnit.MILLISECONDS.toDays(d.getTime());
        }
        return ((Number) value).intValue();
    }

    private static Object int64(org.apache.kafka.connect.data.Schema connect, Object value) {
        if (CONNECT_TIMESTAMP.is(connect.name()) && value instanceof java.util.Date d) {
            return d.getTime();
        }
        return ((Number) value).longValue();
    }

    private static Object bytes(org.apache.kafka.connect.data.Schema connect, Object value) {
        if (Decimal.LOGICAL_NAME.equals(connect.name())) {
            int scale = Integer.parseInt(connect.parameters().get(Decimal.SCALE_FIELD));
            BigDecimal decimal = (BigDecimal) value;
            try {
                decimal = decimal.setScale(scale, RoundingMode.UNNECESSARY);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("decimal " + decimal + " does not fit scale " + scale, e);
            }
            return ByteBuffer.wrap(decimal.unscaledValue().toByteArray());
        }
        if (value instanceof byte[] array) {
            return ByteBuffer.wrap(array);
        }
        return ((ByteBuffer) value).duplicate();
    }

    /** Whether null is a value of {@code schema} (null itself, or a union with null). */
    public static boolean isNullable(Schema schema) {
        return schema.getType() == Schema.Type.NULL
                || schema.getType() == Schema.Type.UNION && schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL);
    }

    /** The first non-null branch of a union, or the schema itself. */
    public static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        for (Schema branch : schema.getTypes()) {
            if (branch.getType() != Schema.Type.NULL) {
                return branch;
            }
        }
        throw new IllegalArgumentException("union without a non-null branch: " + schema);
    }

    static String describe(org.apache.kafka.connect.data.Schema s) {
        return s.type() + (s.name() == null ? "" : " " + s.name());
    }

    /** One schema conversion: tracks record names so a repeated name reuses the first definition. */
    private final class SchemaBuilding {
        private final Map<String, Schema> records = new HashMap<>();

        Schema convert(org.apache.kafka.connect.data.Schema connect, String path) {
            Schema base = convertNonNull(connect, path);
            if (!connect.isOptional()) {
                return base;
            }
            if (connect.defaultValue() != null) {
                return Schema.createUnion(base, Schema.create(Schema.Type.NULL));
            }
            return Schema.createUnion(Schema.create(Schema.Type.NULL), base);
        }

        private Schema convertNonNull(org.apache.kafka.connect.data.Schema connect, String path) {
            String name = connect.name();
            Schema schema = switch (connect.type()) {
                case STRUCT -> record(connect, path);
                case INT8, INT16 -> Schema.create(Schema.Type.INT);
                case INT32 -> {
                    Schema s = Schema.create(Schema.Type.INT);
                    if (DEBEZIUM_DATE.is(name) || CONNECT_DATE.is(name)) {
                        LogicalTypes.date().addToSchema(s);
                    }
                    yield s;
                }
                case INT64 -> {
                    Schema s = Schema.create(Schema.Type.LONG);
                    if (DEBEZIUM_MICRO_TIMESTAMP.is(name)) {
                        LogicalTypes.localTimestampMicros().addToSchema(s);
                    } else if (DEBEZIUM_TIMESTAMP.is(name)) {
                        LogicalTypes.localTimestampMillis().addToSchema(s);
                    } else if (DEBEZIUM_MICRO_TIME.is(name)) {
                        LogicalTypes.timeMicros().addToSchema(s);
                    } else if (CONNECT_TIMESTAMP.is(name)) {
                        LogicalTypes.timestampMillis().addToSchema(s);
                    }
                    yield s;
                }
                case FLOAT32 -> Schema.create(Schema.Type.FLOAT);
                case FLOAT64 -> Schema.create(Schema.Type.DOUBLE);
                case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
                case STRING -> Schema.create(Schema.Type.STRING);
                case BYTES -> {
                    Schema s = Schema.create(Schema.Type.BYTES);
                    if (Decimal.LOGICAL_NAME.equals(name)) {
                        Map<String, String> params = connect.parameters() == null ? Map.of() : connect.parameters();
                        int scale = Integer.parseInt(params.get(Decimal.SCALE_FIELD));
                        String precision = params.get(DECIMAL_PRECISION_PARAM);
                        if (precision == null && MONEY.equalsIgnoreCase(params.get(SOURCE_COLUMN_TYPE_PARAM))) {
                            // money is an int8 count of its smallest unit: 19 digits at most, whatever the scale
                            precision = MONEY_PRECISION;
                        }
                        if (precision == null) {
                            throw new IllegalArgumentException("decimal at '" + path + "' has no precision (numeric without "
                                    + "(p,s)?); Debezium sends those as io.debezium.data.VariableScaleDecimal, keep "
                                    + "debezium.decimal.handling.mode=precise");
                        }
                        LogicalTypes.decimal(Integer.parseInt(precision), scale).addToSchema(s);
                    }
                    yield s;
                }
                case ARRAY -> Schema.createArray(convert(connect.valueSchema(), path + "[]"));
                case MAP -> {
                    if (connect.keySchema().type() != org.apache.kafka.connect.data.Schema.Type.STRING) {
                        throw new IllegalArgumentException("map at '" + path + "' has non-string keys ("
                                + connect.keySchema().type() + "); Avro maps need string keys");
                    }
                    yield Schema.createMap(convert(connect.valueSchema(), path + "{}"));
                }
            };
            if (name != null && connect.type() != org.apache.kafka.connect.data.Schema.Type.STRUCT) {
                schema.addProp(CONNECT_NAME, name);
            }
            return schema;
        }

        private Schema record(org.apache.kafka.connect.data.Schema connect, String path) {
            String fullName = connect.name() != null ? connect.name() : "io.tributary.cdc.generated." + path.replaceAll("[^A-Za-z0-9_]", "_");
            Schema existing = records.get(fullName);
            if (existing != null) {
                return existing;
            }
            Schema record;
            try {
                int dot = fullName.lastIndexOf('.');
                record = dot < 0
                        ? Schema.createRecord(fullName, connect.doc(), null, false)
                        : Schema.createRecord(fullName.substring(dot + 1), connect.doc(), fullName.substring(0, dot), false);
            } catch (SchemaParseException e) {
                throw new IllegalArgumentException("record name '" + fullName + "' is not a valid Avro name; keep "
                        + "debezium.schema.name.adjustment.mode=avro", e);
            }
            records.put(fullName, record);
            List<Schema.Field> fields = new ArrayList<>();
            for (Field field : connect.fields()) {
                Schema fieldSchema = convert(field.schema(), path + "." + field.name());
                try {
                    fields.add(new Schema.Field(field.name(), fieldSchema, field.schema().doc(), defaultOf(field.schema())));
                } catch (SchemaParseException e) {
                    throw new IllegalArgumentException("column '" + field.name() + "' of " + fullName
                            + " is not a valid Avro field name; keep debezium.field.name.adjustment.mode=avro", e);
                }
            }
            record.setFields(fields);
            return record;
        }

        /** Avro default for a field: null for optional fields without default, the Connect default otherwise. */
        private Object defaultOf(org.apache.kafka.connect.data.Schema connect) {
            Object def = connect.defaultValue();
            if (def == null) {
                return connect.isOptional() ? JsonProperties.NULL_VALUE : null;
            }
            return switch (connect.type()) {
                case INT8, INT16 -> ((Number) def).intValue();
                case INT32 -> int32(connect, def);
                case INT64 -> int64(connect, def);
                case FLOAT32 -> ((Number) def).floatValue();
                case FLOAT64 -> ((Number) def).doubleValue();
                case BOOLEAN, STRING -> def instanceof Boolean ? def : def.toString();
                case BYTES -> {
                    ByteBuffer buffer = (ByteBuffer) bytes(connect, def);
                    byte[] raw = new byte[buffer.remaining()];
                    buffer.get(raw);
                    // Avro writes bytes defaults as ISO-8859-1 strings
                    yield new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1);
                }
                // composite defaults never come from PostgreSQL columns
                default -> null;
            };
        }
    }
}
