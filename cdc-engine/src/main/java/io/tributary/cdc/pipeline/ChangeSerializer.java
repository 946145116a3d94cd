package io.tributary.cdc.pipeline;

import java.util.List;

import io.tributary.cdc.avro.AvroChange;
import io.tributary.cdc.avro.SchemaDiff;
import io.tributary.serde.ConfluentAvroSerializer;
import io.tributary.serde.RegisteredSchema;
import io.tributary.serde.RegistryRequestException;
import io.tributary.serde.RegistryUnavailableException;
import io.tributary.serde.SchemaRegistryClient;
import io.tributary.serde.SubjectNames;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Serializes a change's key and value in the Confluent wire format (subjects {@code <topic>-key} and
 * {@code <topic>-value}). An unreachable registry is retried within the configured budget; a refused schema
 * (HTTP 409) becomes a {@link SchemaRejectedException} naming the table and the columns that changed.
 */
public final class ChangeSerializer {
    private final SchemaRegistryClient registry;
    private final ConfluentAvroSerializer serializer;
    private final Backoff backoff;

    public ChangeSerializer(SchemaRegistryClient registry, ConfluentAvroSerializer serializer, Backoff backoff) {
        this.registry = registry;
        this.serializer = serializer;
        this.backoff = backoff;
    }

    public byte[] key(AvroChange change) throws InterruptedException {
        return serialize(change, true, change.key());
    }

    public byte[] value(AvroChange change) throws InterruptedException {
        return serialize(change, false, change.value());
    }

    private byte[] serialize(AvroChange change, boolean isKey, GenericRecord datum) throws InterruptedException {
        if (datum == null) {
            return null;
        }
        String subject = SubjectNames.forTopic(change.topic(), isKey);
        try {
            return backoff.call("Registering/looking up the schema of subject " + subject,
                    e -> e instanceof RegistryUnavailableException,
                    () -> serializer.serialize(change.topic(), isKey, datum.getSchema(), datum));
        } catch (RegistryRequestException e) {
            if (e.httpStatus() == 409) {
                throw new SchemaRejectedException(rejection(change, subject, datum.getSchema()), e);
            }
            throw e;
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String rejection(AvroChange change, String subject, Schema refused) {
        String details;
        try {
            RegisteredSchema latest = registry.latest(subject);
            List<String> diff = SchemaDiff.describe(latest.schema(), refused);
            details = diff.isEmpty() ? "no column difference found against version " + latest.version()
                    : String.join("; ", diff) + " (against version " + latest.version() + ")";
        } catch (RuntimeException e) {
            details = "could not fetch the latest version to compare: " + e.getMessage();
        }
        return "The schema registry refused the new schema of table " + change.table() + " (subject " + subject
                + ") as incompatible: " + details + ". The engine stopped without writing or acknowledging this change "
                + "(at LSN " + change.lsn() + "); make the change compatible (new columns nullable or with a DEFAULT, "
                + "only widening type changes), or change the subject's compatibility level, then restart.";
    }
}
