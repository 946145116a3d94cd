package io.tributary.cdc.parking;

import java.util.Optional;

import io.tributary.cdc.avro.ColumnEncodingException;
import io.tributary.cdc.avro.RecordOrigin;
import io.tributary.cdc.pipeline.EngineStopException;
import io.tributary.cdc.pipeline.SchemaRejectedException;
import io.tributary.serde.RecordSerializationException;
import io.tributary.serde.RegistryRequestException;
import io.tributary.serde.RegistryUnavailableException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.connect.errors.DataException;

/**
 * Decides whether a failure belongs to one table (park it) or to the infrastructure (retry/stop as before).
 *
 * <ul>
 *   <li>Table-level: the registry refused the schema (409 incompatible, 422 invalid: {@link SchemaRejectedException}),
 *       a value does not fit Avro or the schema ({@link ColumnEncodingException}, {@link RecordSerializationException},
 *       Connect's {@link DataException}), and any other exception while <em>converting</em> a record (conversion
 *       is a pure function of the record: retrying or restarting cannot change its outcome).</li>
 *   <li>Infrastructure, never parked: Kafka ({@link KafkaException} other than {@link DataException}), the registry
 *       unreachable (connection refused, timeouts, 5xx: {@link RegistryUnavailableException}), any other registry 4xx
 *       (401/403: a configuration problem of the whole engine), every {@link EngineStopException} that is not a
 *       schema refusal (PostgreSQL, Kafka, offsets file), interruption, and any unknown exception while
 *       <em>sending</em>.</li>
 * </ul>
 * Infrastructure anywhere in the cause chain wins over a table-level cause.
 */
public final class FailureClassifier {
    /** Where the failure happened. */
    public enum Stage {
        /** Debezium's Connect record to Avro: pure, no server involved. */
        CONVERT,
        /** Registry lookup/registration, Avro encoding, Kafka send. */
        SEND
    }

    private FailureClassifier() {
    }

    /** The table-level failure, or empty when {@code error} is an infrastructure failure that must propagate. */
    public static Optional<TableFailure> classify(Throwable error, Stage stage, RecordOrigin origin) {
        if (origin.table() == null || error instanceof Error) {
            return Optional.empty();
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (isInfrastructure(t)) {
                return Optional.empty();
            }
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SchemaRejectedException) {
                return Optional.of(failure(TableFailure.Kind.SCHEMA_REFUSED, origin, null, t.getMessage(), error));
            }
            if (t instanceof RegistryRequestException r && (r.httpStatus() == 409 || r.httpStatus() == 422)) {
                return Optional.of(failure(TableFailure.Kind.SCHEMA_REFUSED, origin, null,
                        "the schema registry refused a schema of " + origin.table() + ": " + r.getMessage(), error));
            }
            if (t instanceof ColumnEncodingException c) {
                return Optional.of(failure(TableFailure.Kind.VALUE_NOT_ENCODABLE, origin, c.column(),
                        "a value of " + origin.table() + " cannot be encoded: " + c.getMessage(), error));
            }
            if (t instanceof RecordSerializationException || t instanceof DataException) {
                return Optional.of(failure(TableFailure.Kind.VALUE_NOT_ENCODABLE, origin, null,
                        "a value of " + origin.table() + " cannot be encoded: " + t.getMessage(), error));
            }
        }
        if (stage == Stage.CONVERT) {
            return Optional.of(failure(TableFailure.Kind.CONVERSION_ERROR, origin, null,
                    "converting the change of " + origin.table() + " failed unexpectedly: " + error, error));
        }
        return Optional.empty();
    }

    static boolean isInfrastructure(Throwable t) {
        if (t instanceof SchemaRejectedException) {
            return false;
        }
        if (t instanceof EngineStopException || t instanceof RegistryUnavailableException || t instanceof InterruptedException) {
            return true;
        }
        if (t instanceof RegistryRequestException r) {
            // 409/422 arrive as SchemaRejectedException; any other 4xx (auth, wrong URL) concerns every table
            return r.httpStatus() != 409 && r.httpStatus() != 422;
        }
        return t instanceof KafkaException && !(t instanceof DataException);
    }

    private static TableFailure failure(TableFailure.Kind kind, RecordOrigin origin, String column, String reason, Throwable cause) {
        return new TableFailure(kind, origin.table(), origin.topic(), origin.lsn(), column, reason, cause);
    }
}
