package io.tributary.serde;

import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry REST API that a producer or consumer of Avro records needs.
 *
 * <p>Implementations talk to any server that speaks the Confluent API (our own registry or Confluent's
 * {@code cp-schema-registry}). Errors: {@link RegistryRequestException} for a request the registry
 * rejected (4xx, permanent), {@link RegistryUnavailableException} when the registry could not be reached
 * or kept failing (5xx, connection errors) after the configured retries.
 */
public interface SchemaRegistryClient {

    /**
     * Registers {@code schema} under {@code subject} ({@code POST /subjects/{subject}/versions}) and returns
     * its global id. Registering a schema the subject already has returns the existing id.
     *
     * @throws RegistryRequestException with {@code httpStatus() == 409} if the schema is incompatible with
     *     the subject's compatibility level, {@code errorCode() == 42201} if the registry rejects the schema
     */
    int register(String subject, Schema schema);

    /** The schema with this global id ({@code GET /schemas/ids/{id}}). */
    Schema getById(int id);

    /** The latest version of a subject ({@code GET /subjects/{subject}/versions/latest}). */
    RegisteredSchema latest(String subject);

    /**
     * Looks {@code schema} up under {@code subject} ({@code POST /subjects/{subject}}); empty if the subject
     * does not exist or does not contain that schema.
     */
    Optional<RegisteredSchema> lookup(String subject, Schema schema);

    /**
     * Whether {@code schema} could be registered under {@code subject} given the subject's compatibility
     * level ({@code POST /compatibility/subjects/{subject}/versions/latest}). A subject without versions
     * accepts any schema.
     */
    boolean testCompatibility(String subject, Schema schema);
}
