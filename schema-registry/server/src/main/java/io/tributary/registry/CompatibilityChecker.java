package io.tributary.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Decides whether a candidate schema may follow the existing versions of a subject, using Avro's own
 * schema-resolution rules ({@link SchemaCompatibility}). Pure and stateless.
 */
public final class CompatibilityChecker {

    /**
     * @param existing the existing (not deleted) versions, oldest first
     * @return human-readable incompatibilities; empty if the candidate is compatible
     */
    public List<String> check(CompatibilityLevel level, Schema candidate, List<VersionedSchema> existing) {
        List<String> problems = new ArrayList<>();
        if (level == CompatibilityLevel.NONE || existing.isEmpty()) {
            return problems;
        }
        List<VersionedSchema> against = level.transitive() ? existing : List.of(existing.get(existing.size() - 1));
        for (int i = against.size() - 1; i >= 0; i--) {
            VersionedSchema old = against.get(i);
            if (level.newReadsOld()) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, old.schema()),
                        "the new schema cannot read data written with version " + old.version(), problems);
            }
            if (level.oldReadsNew()) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(old.schema(), candidate),
                        "version " + old.version() + " cannot read data written with the new schema", problems);
            }
        }
        if (!problems.isEmpty()) {
            problems.add("{compatibility: '" + level + "'}");
        }
        return problems;
    }

    private static void describe(SchemaPairCompatibility result, String what, List<String> problems) {
        if (result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
            problems.add("{errorType:'" + incompatibility.getType() + "', description:'" + what + ": "
                    + incompatibility.getMessage() + "', location:'" + incompatibility.getLocation() + "'}");
        }
    }

    /** A schema with its version number within a subject. */
    public record VersionedSchema(int version, Schema schema) {
    }
}
