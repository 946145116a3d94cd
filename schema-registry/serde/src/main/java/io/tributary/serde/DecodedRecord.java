package io.tributary.serde;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * A decoded wire-format record.
 *
 * @param schemaId the schema id of the record header
 * @param writerSchema the schema the record was written with (from the registry)
 * @param datum the value: a {@link org.apache.avro.generic.GenericRecord} for records, otherwise the Avro generic
 *     representation ({@link org.apache.avro.util.Utf8} for strings, {@link java.nio.ByteBuffer} for bytes, boxed
 *     primitives, {@link java.util.List}, {@link java.util.Map}, {@code null}); shaped by the reader schema if one was given
 */
public record DecodedRecord(int schemaId, Schema writerSchema, Object datum) {
    public DecodedRecord {
        Objects.requireNonNull(writerSchema, "writerSchema");
    }
}
