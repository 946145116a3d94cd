package io.tributary.lakehouse.decode;

import static io.tributary.contracts.types.ConnectType.DEBEZIUM_DATE;
import static io.tributary.contracts.types.ConnectType.DEBEZIUM_MICRO_TIMESTAMP;
import static io.tributary.contracts.types.ConnectType.DEBEZIUM_NANO_TIMESTAMP;
import static io.tributary.contracts.types.ConnectType.DEBEZIUM_TIMESTAMP;
import static io.tributary.contracts.types.ConnectType.VARIABLE_SCALE_DECIMAL;
import static io.tributary.contracts.types.ConnectType.ZONED_TIMESTAMP;

import io.tributary.contracts.types.ConnectType;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Maps Avro schemas written by Debezium (through Connect's Avro mapping) to Spark SQL types.
 *
 * <table>
 *   <tr><th>Avro</th><th>Spark</th></tr>
 *   <tr><td>int, logicalType date or connect.name io.debezium.time.Date</td><td>date</td></tr>
 *   <tr><td>long, timestamp-millis/-micros</td><td>timestamp</td></tr>
 *   <tr><td>long, io.debezium.time.Timestamp / MicroTimestamp (timestamp without time zone)</td><td>timestamp_ntz</td></tr>
 *   <tr><td>string, io.debezium.time.ZonedTimestamp (timestamptz)</td><td>timestamp</td></tr>
 *   <tr><td>bytes/fixed, logicalType decimal, precision &le; 38</td><td>decimal(p, s)</td></tr>
 *   <tr><td>bytes/fixed, logicalType decimal, precision &gt; 38</td><td>string (exact digits)</td></tr>
 *   <tr><td>record io.debezium.data.VariableScaleDecimal {scale, value} ({@code numeric} without (p,s),
 *       {@code decimal.handling.mode=precise})</td><td>string: {@code BigDecimal(value, scale).toPlainString()}, exact
 *       digits and the scale as sent ({@code 12.3450} stays {@code 12.3450}); Debezium itself strips trailing zeros
 *       first, so PostgreSQL's {@code 12.3450} arrives as {@code 12.345}</td></tr>
 *   <tr><td>double ({@code decimal.handling.mode=double}), string ({@code decimal.handling.mode=string})</td>
 *       <td>double, string (as sent; NaN/Infinity only in these modes: {@code precise} makes Debezium fail on them,
 *       "Got a special value (NaN/Infinity) for Decimal type")</td></tr>
 *   <tr><td>enum</td><td>string</td></tr>
 *   <tr><td>record / array / map</td><td>struct / array / map&lt;string, _&gt;</td></tr>
 *   <tr><td>union [null, X]</td><td>X, nullable</td></tr>
 * </table>
 */
public final class AvroSparkTypes {

    /** The property holding a schema's Connect name (also used by the tests that build schemas). */
    static final String CONNECT_NAME = ConnectType.CONNECT_NAME;

    private AvroSparkTypes() {
    }

    public static DataType toSparkType(Schema schema) {
        Schema s = nonNull(schema);
        LogicalType logical = s.getLogicalType();
        String connectName = s.getProp(CONNECT_NAME);
        return switch (s.getType()) {
            case NULL -> DataTypes.NullType;
            case BOOLEAN -> DataTypes.BooleanType;
            case INT -> logical instanceof LogicalTypes.Date || DEBEZIUM_DATE.is(connectName)
                    ? DataTypes.DateType : DataTypes.IntegerType;
            case LONG -> {
                if (logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.TimestampMicros) {
                    yield DataTypes.TimestampType;
                }
                if (logical instanceof LogicalTypes.LocalTimestampMillis
                        || logical instanceof LogicalTypes.LocalTimestampMicros
                        || DEBEZIUM_TIMESTAMP.is(connectName) || DEBEZIUM_MICRO_TIMESTAMP.is(connectName)
                        || DEBEZIUM_NANO_TIMESTAMP.is(connectName)) {
                    yield DataTypes.TimestampNTZType;
                }
                yield DataTypes.LongType;
            }
            case FLOAT -> DataTypes.FloatType;
            case DOUBLE -> DataTypes.DoubleType;
            case STRING -> ZONED_TIMESTAMP.is(connectName) ? DataTypes.TimestampType : DataTypes.StringType;
            case ENUM -> DataTypes.StringType;
            case BYTES, FIXED -> {
                if (logical instanceof LogicalTypes.Decimal decimal) {
                    yield decimal.getPrecision() <= DecimalType.MAX_PRECISION()
                            ? DataTypes.createDecimalType(decimal.getPrecision(), decimal.getScale())
                            : DataTypes.StringType;
                }
                yield DataTypes.BinaryType;
            }
            case RECORD -> isVariableScaleDecimal(s) ? DataTypes.StringType : toStructType(s);
            case ARRAY -> DataTypes.createArrayType(toSparkType(s.getElementType()), isNullable(s.getElementType()));
            case MAP -> DataTypes.createMapType(DataTypes.StringType, toSparkType(s.getValueType()),
                    isNullable(s.getValueType()));
            case UNION -> throw new UnsupportedSchemaException("union " + s + " has more than one non-null branch;"
                    + " Debezium only writes [null, X] unions");
        };
    }

    public static StructType toStructType(Schema record) {
        Schema s = nonNull(record);
        if (s.getType() != Schema.Type.RECORD) {
            throw new UnsupportedSchemaException("expected an Avro record, got " + s.getType());
        }
        List<StructField> fields = new ArrayList<>();
        for (Schema.Field f : s.getFields()) {
            fields.add(DataTypes.createStructField(f.name(), toSparkType(f.schema()), isNullable(f.schema())));
        }
        return DataTypes.createStructType(fields);
    }

    /**
     * True for Debezium's {@code io.debezium.data.VariableScaleDecimal} record: the cdc-engine names the Avro record
     * after the Connect struct (no {@code connect.name} on records); Confluent's converter adds {@code connect.name}.
     */
    static boolean isVariableScaleDecimal(Schema s) {
        return s.getType() == Schema.Type.RECORD
                && (VARIABLE_SCALE_DECIMAL.is(s.getFullName())
                        || VARIABLE_SCALE_DECIMAL.is(s.getProp(CONNECT_NAME)));
    }

    /** True for {@code null} and unions containing {@code null}. */
    public static boolean isNullable(Schema schema) {
        return schema.getType() == Schema.Type.NULL
                || schema.getType() == Schema.Type.UNION
                && schema.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL);
    }

    /** The non-null branch of a {@code [null, X]} union, or the schema itself. */
    public static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        List<Schema> branches = schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).toList();
        if (branches.size() != 1) {
            throw new UnsupportedSchemaException("union " + schema + " must have exactly one non-null branch");
        }
        return branches.get(0);
    }
}
