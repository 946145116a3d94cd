package io.tributary.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.registry.store.InMemorySchemaStore;
import io.tributary.serde.CachingSchemaRegistryClient;
import io.tributary.serde.ConfluentAvroDeserializer;
import io.tributary.serde.ConfluentAvroSerializer;
import io.tributary.serde.DecodedRecord;
import io.tributary.serde.KafkaAvroDeserializer;
import io.tributary.serde.KafkaAvroSerializer;
import io.tributary.serde.RecordContext;
import io.tributary.serde.RecordSerializationException;
import io.tributary.serde.RegisteredSchema;
import io.tributary.serde.RegistryClientSettings;
import io.tributary.serde.RegistryRequestException;
import io.tributary.serde.SchemaMismatchException;
import io.tributary.serde.SerializerSettings;
import io.tributary.serde.TruncatedRecordException;
import io.tributary.serde.UnknownSchemaIdException;
import io.tributary.serde.WireFormat;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The avro-serde against our registry over HTTP (Javalin on a free port, in-memory store). */
class SerdeRoundTripTest {
    private static final Schema ORDER = new Schema.Parser().parse("""
            {"type":"record","name":"Order","namespace":"shop","fields":[
              {"name":"id","type":"long"},
              {"name":"customer","type":["null","string"],"default":null},
              {"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}},
              {"name":"placed_on","type":{"type":"int","logicalType":"date"}},
              {"name":"updated_at","type":{"type":"long","logicalType":"timestamp-micros"}}]}""");
    private static final Schema ORDER_KEY = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"OrderKey\",\"namespace\":\"shop\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}");

    private static RegistryHttpServer server;
    private static CachingSchemaRegistryClient client;

    @BeforeAll
    static void start() {
        server = new RegistryHttpServer(new SchemaRegistryService(new InMemorySchemaStore()), 1 << 20).start("127.0.0.1", 0);
        client = new CachingSchemaRegistryClient(URI.create("http://127.0.0.1:" + server.port()),
                RegistryClientSettings.defaults().withMaxRetries(1));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static GenericRecord order(long id) {
        GenericData.Record r = new GenericData.Record(ORDER);
        r.put("id", id);
        r.put("customer", "ada");
        r.put("amount", new BigDecimal("12.50"));
        r.put("placed_on", LocalDate.of(2026, 11, 21));
        r.put("updated_at", Instant.parse("2026-11-21T08:00:00.123456Z"));
        return r;
    }

    @Test
    void recordValueAndRecordKeyRoundTripUnderTopicSubjects() {
        ConfluentAvroSerializer serializer = new ConfluentAvroSerializer(client, SerializerSettings.defaults());
        GenericData.Record key = new GenericData.Record(ORDER_KEY);
        key.put("id", 7L);

        byte[] keyBytes = serializer.serialize("tributary.shop.orders", true, key);
        byte[] valueBytes = serializer.serialize("tributary.shop.orders", false, order(7));

        RegisteredSchema keySubject = client.latest("tributary.shop.orders-key");
        RegisteredSchema valueSubject = client.latest("tributary.shop.orders-value");
        assertThat(keySubject.schema()).isEqualTo(ORDER_KEY);
        assertThat(valueSubject.version()).isEqualTo(1);
        assertThat(valueBytes[0]).isEqualTo(WireFormat.MAGIC_BYTE);
        assertThat(WireFormat.schemaId(valueBytes, RecordContext.unknown())).isEqualTo(valueSubject.id());

        ConfluentAvroDeserializer plain = new ConfluentAvroDeserializer(client);
        DecodedRecord decodedKey = plain.deserialize(keyBytes);
        assertThat(((GenericRecord) decodedKey.datum()).get("id")).isEqualTo(7L);
        DecodedRecord raw = plain.deserialize(valueBytes);
        assertThat(raw.schemaId()).isEqualTo(valueSubject.id());
        assertThat(raw.writerSchema()).isEqualTo(ORDER);
        GenericRecord rawOrder = (GenericRecord) raw.datum();
        assertThat(rawOrder.get("customer")).isEqualTo(new Utf8("ada"));
        assertThat(rawOrder.get("placed_on")).isEqualTo((int) LocalDate.of(2026, 11, 21).toEpochDay());
        assertThat(rawOrder.get("amount")).isInstanceOf(ByteBuffer.class);

        GenericRecord typed = (GenericRecord) ConfluentAvroDeserializer.withLogicalTypes(client).deserialize(valueBytes).datum();
        assertThat(typed.get("amount")).isEqualTo(new BigDecimal("12.50"));
        assertThat(typed.get("placed_on")).isEqualTo(LocalDate.of(2026, 11, 21));
        assertThat(typed.get("updated_at")).isEqualTo(Instant.parse("2026-11-21T08:00:00.123456Z"));
    }

    @Test
    void primitivesAndUnionsWithExplicitSchemas() {
        ConfluentAvroSerializer serializer = new ConfluentAvroSerializer(client, SerializerSettings.defaults());
        ConfluentAvroDeserializer deserializer = new ConfluentAvroDeserializer(client);
        Schema union = new Schema.Parser().parse("[\"null\",\"long\",\"string\"]");

        assertThat(deserializer.deserialize(serializer.serialize("prims", true, "k-1")).datum()).isEqualTo(new Utf8("k-1"));
        assertThat(deserializer.deserialize(serializer.serialize("prims", false, 42L)).datum()).isEqualTo(42L);
        assertThat(deserializer.deserialize(serializer.serialize("unions", false, union, 5L)).datum()).isEqualTo(5L);
        assertThat(deserializer.deserialize(serializer.serialize("unions", false, union, "five")).datum())
                .isEqualTo(new Utf8("five"));
        assertThat(serializer.serialize("unions", false, union, null)).as("tombstone").isNull();
        assertThat(deserializer.deserialize(null)).isNull();
    }

    @Test
    void projectsIntoAReaderSchemaWithAvroResolution() {
        ConfluentAvroSerializer serializer = new ConfluentAvroSerializer(client, SerializerSettings.defaults());
        byte[] bytes = serializer.serialize("projection", false, order(9));
        Schema reader = new Schema.Parser().parse("""
                {"type":"record","name":"Order","namespace":"shop","fields":[
                  {"name":"id","type":"long"},
                  {"name":"channel","type":"string","default":"web"}]}""");

        GenericRecord projected = (GenericRecord) new ConfluentAvroDeserializer(client)
                .deserialize(bytes, reader, RecordContext.unknown()).datum();

        assertThat(projected.getSchema()).isEqualTo(reader);
        assertThat(projected.get("id")).isEqualTo(9L);
        assertThat(projected.get("channel")).isEqualTo(new Utf8("web"));

        Schema impossible = new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"shop\",\"fields\":[{\"name\":\"sku\",\"type\":\"string\"}]}");
        assertThatThrownBy(() -> new ConfluentAvroDeserializer(client).deserialize(bytes, impossible,
                new RecordContext("projection", 0, 3)))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("cannot be read with the reader schema shop.Order")
                .hasMessageContaining("sku")
                .hasMessageEndingWith("(topic projection, partition 0, offset 3)");
    }

    @Test
    void corruptBytesGiveTypedExceptions() {
        ConfluentAvroSerializer serializer = new ConfluentAvroSerializer(client, SerializerSettings.defaults());
        ConfluentAvroDeserializer deserializer = new ConfluentAvroDeserializer(client);
        byte[] good = serializer.serialize("corrupt", false, order(1));
        RecordContext where = new RecordContext("corrupt", 1, 99);

        byte[] unknownId = good.clone();
        unknownId[1] = 0x7f;
        assertThatThrownBy(() -> deserializer.deserialize(unknownId, where))
                .isInstanceOf(UnknownSchemaIdException.class)
                .hasMessageContaining("Schema id " + WireFormat.schemaId(unknownId, where))
                .hasMessageEndingWith("(topic corrupt, partition 1, offset 99)");

        byte[] truncated = Arrays.copyOf(good, good.length - 3);
        assertThatThrownBy(() -> deserializer.deserialize(truncated, where))
                .isInstanceOf(TruncatedRecordException.class)
                .hasMessageContaining("ends before a whole value of schema id");

        byte[] trailing = Arrays.copyOf(good, good.length + 2);
        assertThatThrownBy(() -> deserializer.deserialize(trailing, where))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("2 byte(s) left");

        Schema union = new Schema.Parser().parse("[\"null\",\"string\"]");
        byte[] badUnion = serializer.serialize("corrupt-union", false, union, "x");
        badUnion[WireFormat.HEADER_SIZE] = 0x20; // union branch 16 of a 2-branch union
        assertThatThrownBy(() -> deserializer.deserialize(badUnion, where))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("does not match schema id");
    }

    @Test
    void hugeLengthPrefixesAreRefusedBeforeAnythingIsAllocated() {
        ConfluentAvroSerializer serializer = new ConfluentAvroSerializer(client, SerializerSettings.defaults());
        ConfluentAvroDeserializer deserializer = new ConfluentAvroDeserializer(client);
        byte[] good = serializer.serialize("huge", false, "ab");
        assertThat(deserializer.deserialize(good).datum()).isEqualTo(new Utf8("ab"));
        // zigzag varint of 2^30: a 1 GiB string, more than this test JVM's heap
        byte[] huge = new byte[] {good[0], good[1], good[2], good[3], good[4],
                (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08, 'a', 'b'};

        assertThatThrownBy(() -> deserializer.deserialize(huge, RecordContext.ofTopic("huge")))
                .isInstanceOf(TruncatedRecordException.class)
                .hasMessageContaining("string length 1073741824 exceeds the 2 byte(s) left");

        Schema array = new Schema.Parser().parse("{\"type\":\"array\",\"items\":\"long\"}");
        byte[] list = serializer.serialize("huge-array", false, array, List.of(1L, 2L));
        assertThat(deserializer.deserialize(list).datum().toString()).isEqualTo("[1, 2]");
        byte[] hugeList = new byte[] {list[0], list[1], list[2], list[3], list[4],
                (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08, 2, 4, 0};
        assertThatThrownBy(() -> deserializer.deserialize(hugeList))
                .isInstanceOf(TruncatedRecordException.class)
                .hasMessageContaining("array block of 1073741824 items");
    }

    @Test
    void withoutAutoRegisterTheSchemaMustExist() {
        ConfluentAvroSerializer strict = new ConfluentAvroSerializer(client, new SerializerSettings(false));
        assertThatThrownBy(() -> strict.serialize("strict", false, order(1)))
                .isInstanceOf(RecordSerializationException.class)
                .hasMessageContaining("'strict-value'")
                .hasMessageContaining("auto.register.schemas=false");

        int id = client.register("strict-value", ORDER);
        assertThat(WireFormat.schemaId(strict.serialize("strict", false, order(1)), RecordContext.unknown())).isEqualTo(id);
    }

    @Test
    void valuesThatDoNotFitTheSchemaAndIncompatibleSchemasAreReported() {
        ConfluentAvroSerializer serializer = new ConfluentAvroSerializer(client, SerializerSettings.defaults());
        GenericData.Record incomplete = new GenericData.Record(ORDER);
        incomplete.put("id", 1L);
        assertThatThrownBy(() -> serializer.serialize("misfit", false, incomplete))
                .isInstanceOf(RecordSerializationException.class)
                .hasMessageContaining("'misfit-value'");

        client.register("evolve-value", ORDER_KEY);
        Schema breaking = new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"OrderKey\",\"namespace\":\"shop\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}");
        assertThat(client.testCompatibility("evolve-value", breaking)).isFalse();
        assertThatThrownBy(() -> client.register("evolve-value", breaking))
                .isInstanceOfSatisfying(RegistryRequestException.class, e -> assertThat(e.httpStatus()).isEqualTo(409));
    }

    @Test
    void kafkaAdaptersConfigureFromProperties() {
        Map<String, Object> config = Map.of("schema.registry.url", "http://127.0.0.1:" + server.port(),
                "auto.register.schemas", "true");
        try (KafkaAvroSerializer serializer = new KafkaAvroSerializer();
                KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer()) {
            serializer.configure(config, false);
            deserializer.configure(config, false);

            byte[] bytes = serializer.serialize("adapters", order(3));

            assertThat(((GenericRecord) deserializer.deserialize("adapters", bytes)).get("id")).isEqualTo(3L);
            assertThat(client.latest("adapters-value").schema()).isEqualTo(ORDER);
            assertThat(deserializer.deserialize("adapters", null)).isNull();
        }
    }

    /** The serializer reuses one buffer and encoder per thread: a failed write must not leak into the next record. */
    @Test
    void aFailedWriteLeavesNothingBehindForTheNextRecordAndThreadsDoNotMixBuffers() throws Exception {
        ConfluentAvroSerializer serializer = new ConfluentAvroSerializer(client, SerializerSettings.defaults());
        ConfluentAvroDeserializer deserializer = new ConfluentAvroDeserializer(client);
        GenericData.Record bad = (GenericData.Record) order(1);
        bad.put("amount", "not a decimal");
        assertThatThrownBy(() -> serializer.serialize("reuse", false, bad)).isInstanceOf(RecordSerializationException.class);
        byte[] good = serializer.serialize("reuse", false, order(2));
        assertThat(((GenericRecord) deserializer.deserialize(good).datum()).get("id")).isEqualTo(2L);
        assertThat(good).isEqualTo(new ConfluentAvroSerializer(client, SerializerSettings.defaults()).serialize("reuse", false, order(2)));

        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long base = t * 10_000L;
                results.add(pool.submit(() -> {
                    for (long id = base; id < base + 2_000; id++) {
                        GenericRecord back = (GenericRecord) deserializer.deserialize(serializer.serialize("reuse", false, order(id))).datum();
                        if ((long) back.get("id") != id) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (java.util.concurrent.Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
