package io.tributary.serde;

import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.util.Utf8;

/** The Avro schema of a Java value, for values whose schema is not given explicitly. */
public final class AvroSchemas {
    private static final Map<Class<?>, Schema.Type> PRIMITIVES = Map.of(
            Boolean.class, Schema.Type.BOOLEAN,
            Integer.class, Schema.Type.INT,
            Long.class, Schema.Type.LONG,
            Float.class, Schema.Type.FLOAT,
            Double.class, Schema.Type.DOUBLE,
            String.class, Schema.Type.STRING,
            Utf8.class, Schema.Type.STRING,
            byte[].class, Schema.Type.BYTES);

    private AvroSchemas() {
    }

    /**
     * The schema of a {@link GenericContainer} (records, enums, fixed, arrays) or the primitive schema of a
     * boxed primitive, {@link CharSequence}, {@code byte[]} or {@link ByteBuffer}.
     *
     * @throws RecordSerializationException for any other type: pass the schema explicitly
     */
    public static Schema schemaOf(Object datum) {
        if (datum == null) {
            return Schema.create(Schema.Type.NULL);
        }
        if (datum instanceof GenericContainer container) {
            return container.getSchema();
        }
        Schema.Type type = PRIMITIVES.get(datum.getClass());
        if (type != null) {
            return Schema.create(type);
        }
        if (datum instanceof CharSequence) {
            return Schema.create(Schema.Type.STRING);
        }
        if (datum instanceof ByteBuffer) {
            return Schema.create(Schema.Type.BYTES);
        }
        throw new RecordSerializationException("Cannot infer an Avro schema for a value of " + datum.getClass().getName()
                + ": use a GenericRecord, a primitive, or pass the schema explicitly", null);
    }
}
