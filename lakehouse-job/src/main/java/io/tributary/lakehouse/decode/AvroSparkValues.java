package io.tributary.lakehouse.decode;

import io.tributary.contracts.types.ConnectType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Converts Avro values (generic representation: Utf8, ByteBuffer, raw logical types) to the external Java values
 * of Spark rows with the Java 8 time API ({@code spark.sql.datetime.java8API.enabled=true}): LocalDate, Instant,
 * LocalDateTime, BigDecimal.
 *
 * <p>The target type may be wider than the writer's (a record written before a type was widened, or projected to
 * the latest schema of its table): int becomes long, float double, a decimal gains scale. Struct fields are
 * matched by name; a field the writer did not have is null.
 *
 * <p>Epoch counts become time values by whole seconds plus a sub-second remainder (never through a nanosecond
 * {@code long}, which only spans 1677-2262), so every value Delta holds, 0001-01-01 to 9999-12-31 with microseconds,
 * before and after 1970, converts unchanged.
 */
public final class AvroSparkValues {

    private static final String VSD_SCALE = "scale";
    private static final String VSD_VALUE = "value";
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private AvroSparkValues() {
    }

    public static Object convert(Object value, Schema writer, DataType target) {
        if (value == null) {
            return null;
        }
        Schema s = branchOf(writer, value);
        String connectName = s.getProp(AvroSparkTypes.CONNECT_NAME);
        if (target instanceof StructType struct) {
            return toRow((GenericRecord) value, struct);
        }
        if (target instanceof ArrayType array) {
            List<Object> out = new ArrayList<>();
            for (Object element : (Iterable<?>) value) {
                out.add(convert(element, s.getElementType(), array.elementType()));
            }
            return CollectionConverters.asScala(out).toSeq();
        }
        if (target instanceof MapType map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                out.put(e.getKey().toString(), convert(e.getValue(), s.getValueType(), map.valueType()));
            }
            return CollectionConverters.asScala(out);
        }
        if (target instanceof DecimalType decimal) {
            return rescale(decimalOf(value, s), decimal, s);
        }
        if (target.equals(DataTypes.DateType)) {
            return value instanceof LocalDate d ? d : LocalDate.ofEpochDay(((Number) value).longValue());
        }
        if (target.equals(DataTypes.TimestampType)) {
            return instantOf(value, s, connectName);
        }
        if (target.equals(DataTypes.TimestampNTZType)) {
            return localDateTimeOf(value, s, connectName);
        }
        if (target.equals(DataTypes.LongType)) {
            return ((Number) value).longValue();
        }
        if (target.equals(DataTypes.IntegerType)) {
            if (value instanceof Integer i) {
                return i;
            }
            long v = ((Number) value).longValue();
            if (v != (int) v) {
                throw new ArithmeticException(v + " does not fit an integer column");
            }
            return (int) v;
        }
        if (target.equals(DataTypes.DoubleType)) {
            return ((Number) value).doubleValue();
        }
        if (target.equals(DataTypes.FloatType)) {
            return ((Number) value).floatValue();
        }
        if (target.equals(DataTypes.ShortType)) {
            long v = ((Number) value).longValue();
            if (v != (short) v) {
                throw new ArithmeticException(v + " does not fit a smallint column");
            }
            return (short) v;
        }
        if (target.equals(DataTypes.BooleanType)) {
            return (Boolean) value;
        }
        if (target.equals(DataTypes.BinaryType)) {
            return bytesOf(value);
        }
        if (target.equals(DataTypes.StringType)) {
            if (s.getLogicalType() instanceof LogicalTypes.Decimal || AvroSparkTypes.isVariableScaleDecimal(s)) {
                return decimalOf(value, s).toPlainString();
            }
            if (s.getType() == Schema.Type.INT && AvroSparkTypes.toSparkType(s).equals(DataTypes.DateType)) {
                // a date written before its column became text: printed as PostgreSQL prints it (ISO)
                return LocalDate.ofEpochDay(((Number) value).longValue()).toString();
            }
            return value.toString();
        }
        throw new UnsupportedSchemaException("no conversion from Avro " + s.getType() + " to Spark " + target.sql());
    }

    /** Converts a record to a row of {@code target}, matching fields by name; missing fields are null. */
    public static Row toRow(GenericRecord record, StructType target) {
        Object[] values = new Object[target.fields().length];
        Schema schema = record.getSchema();
        for (int i = 0; i < values.length; i++) {
            StructField field = target.fields()[i];
            Schema.Field writerField = schema.getField(field.name());
            values[i] = writerField == null ? null
                    : convert(record.get(writerField.pos()), writerField.schema(), field.dataType());
        }
        return new GenericRowWithSchema(values, target);
    }

    private static Schema branchOf(Schema writer, Object value) {
        if (writer.getType() != Schema.Type.UNION) {
            return writer;
        }
        return AvroSparkTypes.nonNull(writer);
    }

    private static BigDecimal decimalOf(Object value, Schema s) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (AvroSparkTypes.isVariableScaleDecimal(s)) {
            return variableScaleDecimalOf((GenericRecord) value);
        }
        if (!(s.getLogicalType() instanceof LogicalTypes.Decimal decimal)) {
            if (value instanceof Number n) {
                return new BigDecimal(n.toString());
            }
            throw new UnsupportedSchemaException("Avro " + s + " is not a decimal");
        }
        return new BigDecimal(new BigInteger(bytesOf(value)), decimal.getScale());
    }

    /** Debezium's {@code VariableScaleDecimal}: unscaled two's-complement big-endian {@code value} and {@code scale}. */
    private static BigDecimal variableScaleDecimalOf(GenericRecord record) {
        Object scale = record.get(VSD_SCALE);
        Object unscaled = record.get(VSD_VALUE);
        if (!(scale instanceof Number) || unscaled == null) {
            throw new UnsupportedSchemaException(ConnectType.VARIABLE_SCALE_DECIMAL.schemaName() + " without " + VSD_SCALE
                    + " or " + VSD_VALUE + ": " + record);
        }
        byte[] bytes = bytesOf(unscaled);
        if (bytes.length == 0) {
            throw new UnsupportedSchemaException(ConnectType.VARIABLE_SCALE_DECIMAL.schemaName() + " with an empty value");
        }
        return new BigDecimal(new BigInteger(bytes), ((Number) scale).intValue());
    }

    private static BigDecimal rescale(BigDecimal value, DecimalType target, Schema s) {
        if (value.scale() == target.scale()) {
            return value;
        }
        try {
            return value.setScale(target.scale(), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new UnsupportedSchemaException("decimal " + value + " (Avro " + s + ") does not fit "
                    + target.sql() + " without rounding");
        }
    }

    private static byte[] bytesOf(Object value) {
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return bytes;
        }
        if (value instanceof GenericFixed fixed) {
            return fixed.bytes().clone();
        }
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        throw new UnsupportedSchemaException("expected bytes, got " + value.getClass().getName());
    }

    private static Instant instantOf(Object value, Schema s, String connectName) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (ConnectType.ZONED_TIMESTAMP.is(connectName) || value instanceof CharSequence) {
            String text = value.toString();
            if (text.equals("infinity") || text.equals("-infinity")) {
                // PostgreSQL's infinite timestamps; Debezium passes them through as these words
                throw new UnsupportedSchemaException("PostgreSQL's '" + text + "' has no Delta timestamp (0001-01-01 to"
                        + " 9999-12-31); the change is quarantined rather than given another instant");
            }
            try {
                return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                throw new UnsupportedSchemaException("'" + text + "' is not an ISO-8601 timestamp with offset ("
                        + ConnectType.ZONED_TIMESTAMP.schemaName() + ")");
            }
        }
        long n = ((Number) value).longValue();
        if (s.getLogicalType() instanceof LogicalTypes.TimestampMicros) {
            return ofEpochMicros(n);
        }
        return Instant.ofEpochMilli(n);
    }

    private static LocalDateTime localDateTimeOf(Object value, Schema s, String connectName) {
        if (value instanceof LocalDateTime ldt) {
            return ldt;
        }
        long n = ((Number) value).longValue();
        Instant instant;
        if (ConnectType.DEBEZIUM_MICRO_TIMESTAMP.is(connectName)
                || s.getLogicalType() instanceof LogicalTypes.LocalTimestampMicros) {
            instant = ofEpochMicros(n);
        } else if (ConnectType.DEBEZIUM_NANO_TIMESTAMP.is(connectName)) {
            instant = Instant.ofEpochSecond(Math.floorDiv(n, NANOS_PER_SECOND), Math.floorMod(n, NANOS_PER_SECOND));
        } else {
            instant = Instant.ofEpochMilli(n);
        }
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** Microseconds since the epoch, negative before 1970; whole seconds plus remainder, so no long overflow. */
    static Instant ofEpochMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
                Math.floorMod(micros, MICROS_PER_SECOND) * 1_000L);
    }
}
