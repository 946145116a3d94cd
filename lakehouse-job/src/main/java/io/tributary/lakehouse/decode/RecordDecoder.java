package io.tributary.lakehouse.decode;

import io.tributary.serde.ConfluentAvroDeserializer;
import io.tributary.serde.CorruptRecordException;
import io.tributary.serde.DecodedRecord;
import io.tributary.serde.RecordContext;
import java.io.Serializable;
import java.net.URI;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes one Kafka record of a table (Confluent-framed Avro key and value) into a row of the table's decoded
 * schema. Runs on the executors; serializable, the registry client is created once per JVM.
 *
 * <p>Classification: corrupt bytes, an unknown schema id, a non-envelope schema, a missing key or an unconvertible
 * value make a poison row (quarantined, the stream goes on). A registry that does not answer, or answers with an
 * unexpected error, is not the record's fault: that exception propagates and fails the batch, which is retried
 * on restart.
 */
public final class RecordDecoder implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RecordDecoder.class);

    private final URI registryUrl;
    private final TableLayout layout;
    private final String toastPlaceholder;
    private transient ConfluentAvroDeserializer deserializer;
    private transient EnvelopeConverter converter;

    public RecordDecoder(URI registryUrl, TableLayout layout, String toastPlaceholder) {
        this.registryUrl = registryUrl;
        this.layout = layout;
        this.toastPlaceholder = toastPlaceholder;
    }

    /** The decoded row, a poison row (with {@code _error}), or null for a tombstone (null value). */
    public Row decode(byte[] key, byte[] value, KafkaCoordinates at) {
        init();
        if (value == null) {
            return null;
        }
        RecordContext context = new RecordContext(at.topic(), at.partition(), at.offset());
        try {
            DecodedRecord decodedValue = deserializer.deserialize(value, context);
            GenericRecord keyRecord = null;
            if (key != null) {
                Object keyDatum = deserializer.deserialize(key, context).datum();
                if (!(keyDatum instanceof GenericRecord record)) {
                    throw new PoisonRecordException("key is not an Avro record: " + keyDatum);
                }
                keyRecord = record;
            }
            if (!(decodedValue.datum() instanceof GenericRecord envelope)) {
                throw new PoisonRecordException("value is not an Avro record (schema id " + decodedValue.schemaId() + ")");
            }
            return converter.convert(envelope, keyRecord, at);
        } catch (CorruptRecordException | PoisonRecordException | UnsupportedSchemaException e) {
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.debug("Quarantining {}-{}@{}: {}", at.topic(), at.partition(), at.offset(), error);
            return converter.poison(at, key, value, error);
        }
    }

    private void init() {
        if (deserializer == null) {
            deserializer = new ConfluentAvroDeserializer(RegistryClients.forUrl(registryUrl));
            converter = new EnvelopeConverter(layout, toastPlaceholder);
        }
    }
}
