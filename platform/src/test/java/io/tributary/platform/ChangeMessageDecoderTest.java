package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.console.topics.TopicMessage;
import io.tributary.serde.ConfluentAvroSerializer;
import io.tributary.serde.RegisteredSchema;
import io.tributary.serde.RegistryRequestException;
import io.tributary.serde.SchemaRegistryClient;
import io.tributary.serde.SerializerSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * The topics page's messages: change events decoded with the registry's schemas (op, key, images, the LSN as
 * PostgreSQL prints it, schema id and version), tombstones, and poison records shown with why they cannot be read.
 */
class ChangeMessageDecoderTest {
    private static final String TOPIC = "tributary.shop.orders";
    private static final Schema KEY = new Schema.Parser().parse("""
            {"type":"record","name":"Key","fields":[{"name":"order_id","type":"long"}]}""");
    private static final Schema SOURCE = new Schema.Parser().parse("""
            {"type":"record","name":"Source","fields":[{"name":"lsn","type":["null","long"]}]}""");

    private static Schema envelope(String rowFields) {
        return new Schema.Parser().parse("""
                {"type":"record","name":"Envelope","fields":[
                  {"name":"before","type":["null",{"type":"record","name":"Value","fields":[%s]}]},
                  {"name":"after","type":["null","Value"]},
                  {"name":"source","type":%s},
                  {"name":"op","type":"string"}]}""".formatted(rowFields, SOURCE));
    }

    private static final Schema V1 = envelope("{\"name\":\"order_id\",\"type\":\"long\"},{\"name\":\"status\",\"type\":[\"null\",\"string\"]}");
    private static final Schema V2 = envelope("{\"name\":\"order_id\",\"type\":\"long\"},{\"name\":\"status\",\"type\":[\"null\",\"string\"]},"
            + "{\"name\":\"quantity\",\"type\":[\"null\",\"long\"]}");

    /** A registry in memory with the registry's rules for ids and versions: one id per schema, versions per subject. */
    private static final class MemoryRegistry implements SchemaRegistryClient {
        private final List<Schema> byId = new ArrayList<>();
        private final Map<String, List<Schema>> subjects = new HashMap<>();

        @Override
        public int register(String subject, Schema schema) {
            if (!byId.contains(schema)) {
                byId.add(schema);
            }
            List<Schema> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
            if (!versions.contains(schema)) {
                versions.add(schema);
            }
            return byId.indexOf(schema) + 1;
        }

        @Override
        public Schema getById(int id) {
            if (id < 1 || id > byId.size()) {
                throw new RegistryRequestException("Schema " + id + " not found", 404, 40403);
            }
            return byId.get(id - 1);
        }

        @Override
        public RegisteredSchema latest(String subject) {
            List<Schema> versions = subjects.get(subject);
            Schema last = versions.get(versions.size() - 1);
            return new RegisteredSchema(byId.indexOf(last) + 1, versions.size(), last);
        }

        @Override
        public Optional<RegisteredSchema> lookup(String subject, Schema schema) {
            List<Schema> versions = subjects.getOrDefault(subject, List.of());
            return versions.contains(schema)
                    ? Optional.of(new RegisteredSchema(byId.indexOf(schema) + 1, versions.indexOf(schema) + 1, schema))
                    : Optional.empty();
        }

        @Override
        public boolean testCompatibility(String subject, Schema schema) {
            return true;
        }
    }

    private final MemoryRegistry registry = new MemoryRegistry();
    private final ConfluentAvroSerializer serializer = new ConfluentAvroSerializer(registry, SerializerSettings.defaults());
    private final ChangeMessageDecoder decoder = new ChangeMessageDecoder(registry);

    private byte[] key(long id) {
        GenericRecord k = new GenericData.Record(KEY);
        k.put("order_id", id);
        return serializer.serialize(TOPIC, true, KEY, k);
    }

    private byte[] event(Schema schema, String op, String before, String after, long lsn) {
        Schema row = schema.getField("before").schema().getTypes().get(1);
        GenericRecord source = new GenericData.Record(SOURCE);
        source.put("lsn", lsn);
        GenericRecord e = new GenericData.Record(schema);
        e.put("before", before == null ? null : row(row, before));
        e.put("after", after == null ? null : row(row, after));
        e.put("source", source);
        e.put("op", op);
        return serializer.serialize(TOPIC, false, schema, e);
    }

    private static GenericRecord row(Schema row, String status) {
        GenericRecord r = new GenericData.Record(row);
        r.put("order_id", 9L);
        r.put("status", status);
        if (row.getField("quantity") != null) {
            r.put("quantity", 3L);
        }
        return r;
    }

    @Test
    void aChangeEventHasItsOpImagesLsnSchemaIdAndVersion() {
        decoder.decode(TOPIC, 0, 0, 1L, key(9), event(V1, "c", null, "new", 16));
        TopicMessage update = decoder.decode(TOPIC, 0, 14210, 1796600000000L, key(9), event(V2, "u", "paid", "shipped", 28568008L));
        assertThat(update.partition()).isZero();
        assertThat(update.offset()).isEqualTo(14210);
        assertThat(update.timestamp()).isEqualTo(1796600000000L);
        assertThat(update.key()).isEqualTo("{\"order_id\": 9}");
        assertThat(update.op()).isEqualTo("u");
        assertThat(update.before()).isEqualTo("{\"order_id\": 9, \"status\": \"paid\", \"quantity\": 3}");
        assertThat(update.after()).isEqualTo("{\"order_id\": 9, \"status\": \"shipped\", \"quantity\": 3}");
        assertThat(update.lsn()).isEqualTo("0/1B3E9C8");
        assertThat(update.schemaId()).isEqualTo(registry.lookup(TOPIC + "-value", V2).orElseThrow().id());
        assertThat(update.schemaVersion()).isEqualTo(2);
        assertThat(update.poison()).isNull();

        TopicMessage create = decoder.decode(TOPIC, 0, 0, 1L, key(9), event(V1, "c", null, "new", 16));
        assertThat(create.schemaVersion()).isEqualTo(1);
        assertThat(create.before()).isNull();
        assertThat(create.lsn()).isEqualTo("0/10");
    }

    @Test
    void aTombstoneHasItsKeyAndNoImages() {
        TopicMessage tombstone = decoder.decode(TOPIC, 0, 7, 1L, key(9), null);
        assertThat(tombstone.op()).isEqualTo("tombstone");
        assertThat(tombstone.key()).isEqualTo("{\"order_id\": 9}");
        assertThat(tombstone.before()).isNull();
        assertThat(tombstone.after()).isNull();
        assertThat(tombstone.poison()).isNull();
    }

    @Test
    void aRecordNotInTheWireFormatIsPoisonWithItsReasonAndBytes() {
        byte[] json = "{\"op\":\"c\",\"after\":{\"order_id\":9}}".getBytes(StandardCharsets.UTF_8);
        TopicMessage poison = decoder.decode(TOPIC, 0, 41, 1L, "9".getBytes(StandardCharsets.UTF_8), json);
        assertThat(poison.poison()).containsIgnoringCase("magic byte");
        assertThat(poison.rawHex()).startsWith("7b226f70223a2263222c").endsWith("… (" + json.length + " bytes)");
        assertThat(poison.op()).isNull();
        assertThat(poison.schemaId()).isNull();
        assertThat(poison.key()).startsWith("(key not decodable: ").contains("bytes 39");
    }

    @Test
    void anUnknownSchemaIdIsPoisonNamingTheId() {
        byte[] unknown = {0, 0, 0, 0x03, (byte) 0xe7, 2, 4};
        TopicMessage poison = decoder.decode(TOPIC, 0, 42, 1L, key(9), unknown);
        assertThat(poison.poison()).contains("999");
        assertThat(poison.rawHex()).isEqualTo("00000003e70204");
        assertThat(poison.key()).isEqualTo("{\"order_id\": 9}");
    }
}
