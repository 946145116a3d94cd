package io.tributary.serde;

import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DecoderFactory;

/**
 * Reads Confluent wire-format records: takes the schema id from the header, fetches the writer schema from the
 * registry (cached), and decodes the Avro body, optionally projected into a reader schema with Avro's
 * schema-resolution rules (added fields take their defaults, removed fields are skipped, int widens to long, ...).
 *
 * <p>Values come in Avro's generic representation ({@link org.apache.avro.util.Utf8} for strings, raw
 * logical types) unless created by {@link #withLogicalTypes(SchemaRegistryClient)}. A {@code null} input
 * (tombstone) gives {@code null}. Thread-safe.
 */
public final class ConfluentAvroDeserializer {
    private final SchemaRegistryClient client;
    private final GenericData data;
    private final DecoderFactory decoders = DecoderFactory.get();
    private final Map<ReaderKey, GenericDatumReader<Object>> readers = new ConcurrentHashMap<>();

    private record ReaderKey(int schemaId, Schema readerSchema) {
    }

    public ConfluentAvroDeserializer(SchemaRegistryClient client) {
        this(client, GenericData.get());
    }

    private ConfluentAvroDeserializer(SchemaRegistryClient client, GenericData data) {
        this.client = Objects.requireNonNull(client, "client");
        this.data = data;
    }

    /**
     * A deserializer that converts logical types to Java types: decimal to {@code BigDecimal}, date to
     * {@code LocalDate}, timestamp-millis/micros to {@code Instant}, uuid to {@code UUID}, ...
     */
    public static ConfluentAvroDeserializer withLogicalTypes(SchemaRegistryClient client) {
        return new ConfluentAvroDeserializer(client, ConfluentAvroSerializer.logicalTypesData());
    }

    public DecodedRecord deserialize(byte[] record) {
        return deserialize(record, null, RecordContext.unknown());
    }

    public DecodedRecord deserialize(byte[] record, RecordContext context) {
        return deserialize(record, null, context);
    }

    /**
     * Decodes {@code record}; with a non-null {@code readerSchema} the datum has that shape.
     *
     * @throws WrongMagicByteException, TruncatedRecordException, UnknownSchemaIdException, SchemaMismatchException
     *     for bytes that cannot be decoded (all {@link CorruptRecordException}s carrying {@code context})
     * @throws RegistryUnavailableException if the registry cannot be reached to resolve the schema id
     */
    public DecodedRecord deserialize(byte[] record, Schema readerSchema, RecordContext context) {
        if (record == null) {
            return null;
        }
        RecordContext where = context == null ? RecordContext.unknown() : context;
        int id = WireFormat.schemaId(record, where);
        Schema writer = writerSchema(id, where);
        GenericDatumReader<Object> reader = readers.computeIfAbsent(new ReaderKey(id, readerSchema),
                key -> newReader(id, writer, readerSchema, where));
        BoundedBinaryDecoder decoder = new BoundedBinaryDecoder(decoders.binaryDecoder(record, WireFormat.HEADER_SIZE,
                record.length - WireFormat.HEADER_SIZE, null));
        Object datum;
        int leftover;
        try {
            datum = reader.read(null, decoder);
            leftover = decoder.remaining();
        } catch (EOFException e) {
            throw new TruncatedRecordException("The Avro body (" + (record.length - WireFormat.HEADER_SIZE)
                    + " bytes) ends before a whole value of schema id " + id + " (" + writer.getFullName()
                    + ") was read" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")")
                    + ": the record is truncated or was not written with that schema", record.length, where, e);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException
                | ClassCastException | UnsupportedOperationException e) {
            throw new SchemaMismatchException("The Avro body does not match schema id " + id + " (" + writer.getFullName()
                    + "): " + e, id, where, e);
        }
        if (leftover > 0) {
            throw new SchemaMismatchException("The Avro body has " + leftover + " byte(s) left after a whole value of schema id "
                    + id + " (" + writer.getFullName() + "): the record was not written with that schema", id, where, null);
        }
        return new DecodedRecord(id, writer, datum);
    }

    private Schema writerSchema(int id, RecordContext where) {
        try {
            return client.getById(id);
        } catch (RegistryRequestException e) {
            if (e.httpStatus() == 404) {
                throw new UnknownSchemaIdException(id, where, e);
            }
            throw e;
        }
    }

    private GenericDatumReader<Object> newReader(int id, Schema writer, Schema readerSchema, RecordContext where) {
        if (readerSchema == null) {
            return new GenericDatumReader<>(writer, writer, data);
        }
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writer);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new SchemaMismatchException("Records written with schema id " + id + " (" + writer.getFullName()
                    + ") cannot be read with the reader schema " + readerSchema.getFullName() + ": "
                    + compatibility.getResult().getIncompatibilities(), id, where, null);
        }
        return new GenericDatumReader<>(writer, readerSchema, data);
    }
}
