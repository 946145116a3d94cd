package io.tributary.registry;

import static io.tributary.registry.RegistryHttp.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.registry.RegistryHttp.Response;
import io.tributary.registry.SchemaRegistryMain.RunningRegistry;
import io.tributary.serde.CachingSchemaRegistryClient;
import io.tributary.serde.ConfluentAvroDeserializer;
import io.tributary.serde.ConfluentAvroSerializer;
import io.tributary.serde.RegistryClientSettings;
import io.tributary.serde.SerializerSettings;
import io.tributary.stack.LocalStack;
import io.tributary.stack.Service;
import io.tributary.stack.StackSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The registry on a real Kafka broker: as the local stack runs it (own JVM, topic _schemas), killed and
 * restarted; and two in-process instances on one topic (single writer).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryOnKafkaIT {
    private static LocalStack stack;

    @BeforeAll
    static void startStack() {
        Path dir = Path.of("target/it-stacks/RegistryOnKafkaIT-" + System.currentTimeMillis()).toAbsolutePath();
        stack = LocalStack.start(StackSettings.forTests(dir), Service.REGISTRY);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    private static String schema(String name, String... extraFields) {
        StringBuilder fields = new StringBuilder("{\"name\":\"id\",\"type\":\"long\"}");
        for (String f : extraFields) {
            fields.append(",{\"name\":\"").append(f).append("\",\"type\":\"string\",\"default\":\"\"}");
        }
        return "{\"type\":\"record\",\"name\":\"" + name + "\",\"fields\":[" + fields + "]}";
    }

    @Test
    void stackRegistryKeepsIdsVersionsAndConfigAcrossAKill() {
        RegistryHttp http = new RegistryHttp(URI.create(stack.registryUrl()).getPort());
        Map<String, String> before = new LinkedHashMap<>();
        List<String> subjects = List.of("restart.a-value", "restart.b-value", "restart.c-key");
        for (String subject : subjects) {
            for (String version : new String[] {schema("R"), schema("R", "x"), schema("R", "x", "y")}) {
                assertThat(http.call("POST", "/subjects/" + subject + "/versions", schemaBody(version)).status()).isEqualTo(200);
            }
        }
        http.call("POST", "/subjects/restart.d-value/versions", schemaBody(schema("Gone")));
        http.call("DELETE", "/subjects/restart.b-value/versions/2", null);
        http.call("DELETE", "/subjects/restart.d-value", null);
        http.call("DELETE", "/subjects/restart.d-value?permanent=true", null);
        http.call("PUT", "/config/restart.c-key", "{\"compatibility\":\"FULL\"}");
        List<String> probes = List.of("/subjects", "/subjects?deleted=true", "/subjects/restart.a-value/versions/1",
                "/subjects/restart.a-value/versions/latest", "/subjects/restart.b-value/versions",
                "/subjects/restart.b-value/versions?deleted=true", "/subjects/restart.c-key/versions/2",
                "/config/restart.c-key", "/schemas/ids/1", "/schemas/ids/3/versions");
        probes.forEach(p -> before.put(p, http.call("GET", p, null).body()));
        int highestId = http.call("GET", "/subjects/restart.d-value/versions?deleted=true", null).status() == 404
                ? maxId(http, subjects) : -1;

        stack.kill(Service.REGISTRY);
        stack.start(Service.REGISTRY);

        Map<String, String> after = new LinkedHashMap<>();
        probes.forEach(p -> after.put(p, http.call("GET", p, null).body()));
        assertThat(after).isEqualTo(before);
        assertThat(before.get("/subjects/restart.b-value/versions")).isEqualTo("[1,3]");
        int next = http.call("POST", "/subjects/restart.e-value/versions", schemaBody(schema("New"))).json().get("id").intValue();
        assertThat(next).as("a new schema after restart gets a fresh id, also past the permanently deleted one")
                .isGreaterThan(highestId + 1);
    }

    private static int maxId(RegistryHttp http, List<String> subjects) {
        int max = 0;
        for (String subject : subjects) {
            max = Math.max(max, http.call("GET", "/subjects/" + subject + "/versions/latest", null).json().get("id").intValue());
        }
        return max;
    }

    @Test
    void serdeRoundTripsThroughTheStackRegistry() {
        CachingSchemaRegistryClient client = new CachingSchemaRegistryClient(URI.create(stack.registryUrl()),
                RegistryClientSettings.defaults());
        Schema schema = new Schema.Parser().parse(schema("Payment", "currency"));
        GenericRecord payment = new GenericData.Record(schema);
        payment.put("id", 11L);
        payment.put("currency", "EUR");

        byte[] bytes = new ConfluentAvroSerializer(client, SerializerSettings.defaults()).serialize("payments", false, payment);
        GenericRecord decoded = (GenericRecord) new ConfluentAvroDeserializer(client).deserialize(bytes).datum();

        assertThat(decoded.get("currency").toString()).isEqualTo("EUR");
        assertThat(client.latest("payments-value").schema()).isEqualTo(schema);
    }

    @Test
    void aSecondInstanceOnTheSameTopicFencesTheFirst() {
        RegistryConfig config = new RegistryConfig("127.0.0.1", 0, RegistryConfig.StoreKind.KAFKA, stack.kafkaBootstrap(),
                "_schemas_fencing_it", Duration.ofSeconds(30), Duration.ofSeconds(10), 1 << 20);
        try (RunningRegistry first = RunningRegistry.start(config)) {
            RegistryHttp firstHttp = new RegistryHttp(first.port());
            int id = firstHttp.call("POST", "/subjects/f-value/versions", schemaBody(schema("F"))).json().get("id").intValue();

            try (RunningRegistry second = RunningRegistry.start(config)) {
                RegistryHttp secondHttp = new RegistryHttp(second.port());
                assertThat(secondHttp.call("GET", "/subjects/f-value/versions/1", null).json().get("id").intValue())
                        .isEqualTo(id);

                Response fenced = firstHttp.call("POST", "/subjects/f-value/versions", schemaBody(schema("F", "a")));
                assertThat(fenced.status()).isEqualTo(500);
                assertThat(fenced.json().get("error_code").intValue()).isEqualTo(50001);
                assertThat(fenced.json().get("message").asText()).contains("Another schema registry instance took over");

                Response accepted = secondHttp.call("POST", "/subjects/f-value/versions", schemaBody(schema("F", "b")));
                assertThat(accepted.status()).isEqualTo(200);
                assertThat(secondHttp.call("GET", "/subjects/f-value/versions", null).body()).isEqualTo("[1,2]");
            }
        }
    }

    /** Last: it kills the broker. */
    @Test
    @Order(Integer.MAX_VALUE)
    void readsGoOnDuringAKafkaOutageAndWritesResumeAfterIt() {
        RegistryConfig config = new RegistryConfig("127.0.0.1", 0, RegistryConfig.StoreKind.KAFKA, stack.kafkaBootstrap(),
                "_schemas_outage_it", Duration.ofSeconds(30), Duration.ofSeconds(3), 1 << 20);
        int before;
        int after;
        try (RunningRegistry registry = RunningRegistry.start(config)) {
            RegistryHttp http = new RegistryHttp(registry.port());
            before = http.call("POST", "/subjects/o-value/versions", schemaBody(schema("O"))).json().get("id").intValue();

            stack.kill(Service.KAFKA);
            long start = System.nanoTime();
            assertThat(http.call("GET", "/schemas/ids/" + before, null).status()).isEqualTo(200);
            Response failed = http.call("POST", "/subjects/o-value/versions", schemaBody(schema("O", "during")));
            assertThat(failed.status()).isEqualTo(500);
            assertThat(failed.json().get("error_code").intValue()).isEqualTo(50001);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(9));
            assertThat(http.call("GET", "/subjects/o-value/versions", null).body()).isEqualTo("[1]");

            stack.start(Service.KAFKA);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    http.call("POST", "/subjects/o-value/versions", schemaBody(schema("O", "after"))).status() == 200);
            after = http.call("GET", "/subjects/o-value/versions/latest", null).json().get("id").intValue();
            assertThat(http.call("GET", "/subjects/o-value/versions", null).body()).isEqualTo("[1,2]");
        }
        try (RunningRegistry reloaded = RunningRegistry.start(config)) {
            RegistryHttp http = new RegistryHttp(reloaded.port());
            assertThat(http.call("GET", "/subjects/o-value/versions/1", null).json().get("id").intValue()).isEqualTo(before);
            assertThat(http.call("GET", "/subjects/o-value/versions/2", null).json().get("id").intValue()).isEqualTo(after);
            assertThat(http.call("GET", "/subjects/o-value/versions", null).body()).isEqualTo("[1,2]");
        }
    }
}
