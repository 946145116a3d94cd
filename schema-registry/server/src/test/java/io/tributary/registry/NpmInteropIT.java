package io.tributary.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.registry.store.InMemorySchemaStore;
import io.tributary.serde.CachingSchemaRegistryClient;
import io.tributary.serde.ConfluentAvroDeserializer;
import io.tributary.serde.ConfluentAvroSerializer;
import io.tributary.serde.DecodedRecord;
import io.tributary.serde.RecordContext;
import io.tributary.serde.RegistryClientSettings;
import io.tributary.serde.SerializerSettings;
import io.tributary.serde.WireFormat;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The npm client {@code @kafkajs/confluent-schema-registry} 3.9.0 (with avsc 5.7.9) against our registry and our
 * serde, in both directions. Needs {@code node} and {@code npm ci} in src/test/js; without node_modules the test is
 * skipped locally, and fails when the environment variable CI is set.
 */
class NpmInteropIT {
    private static final Logger LOG = LoggerFactory.getLogger(NpmInteropIT.class);
    private static final Path JS_DIR = Path.of("src/test/js").toAbsolutePath();
    private static final String INSTALL_HINT = "run: cd schema-registry/server/src/test/js && npm ci";

    private static RegistryHttpServer server;
    private static String url;
    private static CachingSchemaRegistryClient client;
    private static String skipReason;

    @BeforeAll
    static void start() {
        boolean installed = Files.isDirectory(JS_DIR.resolve("node_modules/@kafkajs/confluent-schema-registry"));
        if (!installed) {
            if (System.getenv("CI") != null) {
                fail("npm interop packages are missing in " + JS_DIR + " but CI is set: " + INSTALL_HINT);
            }
            skipReason = "Skipping the npm interop test: node_modules is missing in " + JS_DIR
                    + " (" + INSTALL_HINT + "); it never skips when CI is set";
            LOG.warn(skipReason);
            return;
        }
        server = new RegistryHttpServer(new SchemaRegistryService(new InMemorySchemaStore()), 1 << 20).start("127.0.0.1", 0);
        url = "http://127.0.0.1:" + server.port();
        client = new CachingSchemaRegistryClient(URI.create(url), RegistryClientSettings.defaults());
    }

    @BeforeEach
    void skipWithoutNodeModules() {
        Assumptions.assumeTrue(skipReason == null, skipReason);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void javaDecodesWhatTheNpmClientRegisteredAndEncoded() {
        JsonNode out = node("encode", url, "interop.orders-value");
        int id = out.get("id").intValue();
        byte[] bytes = HexFormat.of().parseHex(out.get("hex").asText());

        assertThat(out.get("latestId").intValue()).isEqualTo(id);
        assertThat(WireFormat.schemaId(bytes, RecordContext.unknown())).isEqualTo(id);
        assertThat(client.latest("interop.orders-value").id()).isEqualTo(id);

        DecodedRecord decoded = new ConfluentAvroDeserializer(client).deserialize(bytes);
        GenericRecord order = (GenericRecord) decoded.datum();
        assertThat(decoded.writerSchema().getFullName()).isEqualTo("interop.Order");
        assertThat(order.get("id")).isEqualTo(4102444800123L);
        assertThat(order.get("customer")).isEqualTo(new Utf8("Zoë"));
        assertThat(order.get("note")).isEqualTo(new Utf8("first order"));
        assertThat(order.get("amount")).isEqualTo(12.5);
        assertThat(order.get("status").toString()).isEqualTo("PAID");
        assertThat(order.get("tags").toString()).isEqualTo("[a, b]");
        assertThat(order.get("attributes")).isEqualTo(Map.of(new Utf8("size"), 3));
    }

    @Test
    void npmDecodesWhatJavaSerialized() {
        Schema schema = new Schema.Parser().parse("""
                {"type":"record","name":"Payment","namespace":"interop","fields":[
                  {"name":"id","type":"long"},
                  {"name":"method","type":["null","string"],"default":null},
                  {"name":"cents","type":"int"},
                  {"name":"paid","type":"boolean"},
                  {"name":"raw","type":"bytes"}]}""");
        GenericRecord payment = new GenericData.Record(schema);
        payment.put("id", 77L);
        payment.put("method", "card");
        payment.put("cents", -1250);
        payment.put("paid", true);
        payment.put("raw", java.nio.ByteBuffer.wrap(new byte[] {1, 2, (byte) 0xff}));
        byte[] bytes = new ConfluentAvroSerializer(client, SerializerSettings.defaults()).serialize("interop.payments", false, payment);

        JsonNode value = node("decode", url, HexFormat.of().formatHex(bytes)).get("value");

        assertThat(value.get("id").longValue()).isEqualTo(77L);
        assertThat(value.get("method").asText()).isEqualTo("card");
        assertThat(value.get("cents").intValue()).isEqualTo(-1250);
        assertThat(value.get("paid").booleanValue()).isTrue();
        assertThat(value.get("raw").asText()).isEqualTo("0102ff");
    }

    private static JsonNode node(String... args) {
        List<String> command = new ArrayList<>(List.of("node", "interop.js"));
        command.addAll(List.of(args));
        try {
            Path stderr = Files.createTempFile(Path.of("target"), "npm-interop", ".err");
            Process process = new ProcessBuilder(command).directory(JS_DIR.toFile())
                    .redirectError(stderr.toFile()).start();
            process.getOutputStream().close();
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("node " + String.join(" ", args) + " did not finish within 60 s");
            }
            String errors = Files.readString(stderr);
            Files.delete(stderr);
            assertThat(process.exitValue()).as("node interop.js %s failed: %s", args[0], errors).isZero();
            return RegistryHttp.JSON.readTree(stdout);
        } catch (IOException e) {
            throw new AssertionError("could not run node (is Node 20 installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
