package io.tributary.serde;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One version of a subject in the registry.
 *
 * @param id the global schema id (the one written into the wire format)
 * @param version the version of the schema within its subject, starting at 1
 * @param schema the parsed Avro schema
 */
public record RegisteredSchema(int id, int version, Schema schema) {
    public RegisteredSchema {
        Objects.requireNonNull(schema, "schema");
    }
}
