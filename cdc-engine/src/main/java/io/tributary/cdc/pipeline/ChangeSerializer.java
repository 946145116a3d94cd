package io.tributary.cdc.pipeline;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tributary.cdc.avro.AvroChange;
import io.tributary.cdc.avro.SchemaDiff;
import io.tributary.configuration.DurationSyntax;
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
 * (HTTP 409 incompatible, 422 invalid) becomes a {@link SchemaRejectedException} naming the table and the columns
 * that changed: the batch handler parks that table.
 */
public final class ChangeSerializer {
    private final SchemaRegistryClient registry;
    private final ConfluentAvroSerializer serializer;
    private final Backoff backoff;
    private final URI registryUrl;
    private final Duration retryBudget;
    private final Map<String, String[]> subjects = new ConcurrentHashMap<>();

    /**
     * @param backoff     retries an unreachable registry; its budget is {@code retryBudget}
     * @param registryUrl named in the error when the budget is spent
     */
    public ChangeSerializer(SchemaRegistryClient registry, ConfluentAvroSerializer serializer, Backoff backoff,
                            URI registryUrl, Duration retryBudget) {
        this.registry = registry;
        this.serializer = serializer;
        this.backoff = backoff;
        this.registryUrl = registryUrl;
        this.retryBudget = retryBudget;
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
        String subject = subject(change.topic(), isKey);
        try {
            try {
                // the common case: the schema id is cached, no retry machinery per record
                return serializer.serializeToSubject(subject, datum.getSchema(), datum);
            } catch (RegistryUnavailableException first) {
                return backoff.call("Registering/looking up the schema of subject " + subject,
                        e -> e instanceof RegistryUnavailableException,
                        () -> serializer.serializeToSubject(subject, datum.getSchema(), datum));
            }
        } catch (RegistryUnavailableException e) {
            throw new DependencyUnavailableException(unreachable(change, subject, e), e);
        } catch (RegistryRequestException e) {
            if (e.httpStatus() == 409) {
                throw new SchemaRejectedException(rejection(change, subject, datum.getSchema()), e);
            }
            if (e.httpStatus() == 422) {
                throw new SchemaRejectedException("The schema registry refused the new schema of table " + change.table()
                        + " (subject " + subject + ", LSN " + change.lsn() + ") as invalid: " + e.getMessage(), e);
            }
            throw e;
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The subject of a topic's keys or values, one String instance per topic (its hash is computed once). */
    private String subject(String topic, boolean isKey) {
        String[] both = subjects.get(topic);
        if (both == null) {
            both = new String[] {SubjectNames.forTopic(topic, true), SubjectNames.forTopic(topic, false)};
            subjects.put(topic, both);
        }
        return isKey ? both[0] : both[1];
    }

    private String unreachable(AvroChange change, String subject, RegistryUnavailableException e) {
        return "The schema registry at " + registryUrl + " stayed unreachable for " + DurationSyntax.format(retryBudget)
                + ", the limit set by tributary.cdc.registry.retry.timeout (TRIBUTARY_CDC_REGISTRY_RETRY_TIMEOUT), "
                + "while registering/looking up subject " + subject + " for table " + change.table() + " (LSN "
                + change.lsn() + "): " + e.getMessage() + ". Nothing of this batch was acknowledged (offsets stay at "
                + "the last batch Kafka acknowledged); start the registry (or fix TRIBUTARY_SCHEMA_REGISTRY_URL), "
                + "then restart the engine: it resumes from there without a new snapshot.";
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
                + ", LSN " + change.lsn() + ") as incompatible: " + details + " (compatible changes: new columns "
                + "nullable or with a DEFAULT, only widening type changes)";
    }
}
