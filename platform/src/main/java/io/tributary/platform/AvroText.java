package io.tributary.platform;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * A decoded Avro value as one line of JSON-like text for people: decimals as numbers ({@code 12.50}, not their
 * two's-complement bytes), other bytes as hex, strings quoted and escaped. Pure.
 */
public final class AvroText {
    private AvroText() {
    }

    public static String of(Object datum, Schema schema) {
        StringBuilder sb = new StringBuilder();
        append(sb, datum, schema);
        return sb.toString();
    }

    private static void append(StringBuilder sb, Object value, Schema schema) {
        if (value == null) {
            sb.append("null");
            return;
        }
        switch (schema.getType()) {
            case UNION -> append(sb, value, schema.getTypes().get(GenericData.get().resolveUnion(schema, value)));
            case RECORD -> {
                GenericRecord record = (GenericRecord) value;
                sb.append('{');
                List<Schema.Field> fields = schema.getFields();
                for (int i = 0; i < fields.size(); i++) {
                    Schema.Field f = fields.get(i);
                    sb.append(i == 0 ? "" : ", ").append('"').append(f.name()).append("\": ");
                    append(sb, record.get(f.name()), f.schema());
                }
                sb.append('}');
            }
            case ARRAY -> {
                sb.append('[');
                int i = 0;
                for (Object item : (Iterable<?>) value) {
                    sb.append(i++ == 0 ? "" : ", ");
                    append(sb, item, schema.getElementType());
                }
                sb.append(']');
            }
            case MAP -> {
                sb.append('{');
                int i = 0;
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    sb.append(i++ == 0 ? "" : ", ").append(quote(e.getKey().toString())).append(": ");
                    append(sb, e.getValue(), schema.getValueType());
                }
                sb.append('}');
            }
            case BYTES, FIXED -> {
                byte[] bytes = bytes(value);
                LogicalType logical = schema.getLogicalType();
                if (logical instanceof LogicalTypes.Decimal d) {
                    sb.append(new BigDecimal(new BigInteger(bytes), d.getScale()).toPlainString());
                } else {
                    sb.append('"').append(HexFormat.of().formatHex(bytes)).append('"');
                }
            }
            case STRING, ENUM -> sb.append(quote(value.toString()));
            default -> sb.append(value);
        }
    }

    private static byte[] bytes(Object value) {
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return bytes;
        }
        if (value instanceof GenericData.Fixed fixed) {
            return fixed.bytes();
        }
        return (byte[]) value;
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
