package io.tributary.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.cfg.PackageVersion;
import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Kafka adapters on this module's test classpath: kafka-clients 3.9 and Jackson 2.18 (what Spark brings), the
 * oldest versions the serde supports. The registry answers are scripted (id 5 for the schema); the full round trip
 * against our registry on kafka-clients 4.x is SerdeRoundTripTest in the server module.
 */
class KafkaAdaptersTest {
    private static final Schema SCHEMA = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"K\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"s\",\"type\":\"string\"}]}");
    private HttpServer server;
    private final List<String> paths = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            paths.add(exchange.getRequestMethod() + " " + path);
            String body = path.equals("/schemas/ids/5")
                    ? "{\"schema\":" + TextNode.valueOf(SCHEMA.toString()) + "}"
                    : "{\"id\":5}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void serializeAndDeserializeThroughTheKafkaInterfaces() {
        assertThat(AppInfoParser.getVersion()).startsWith("3.9");
        assertThat(PackageVersion.VERSION.getMinorVersion()).isEqualTo(18);
        Map<String, Object> config = Map.of("schema.registry.url", "http://127.0.0.1:" + server.getAddress().getPort());
        GenericRecord record = new GenericData.Record(SCHEMA);
        record.put("id", 300L);
        record.put("s", "é");

        byte[] bytes;
        Object decoded;
        try (KafkaAvroSerializer serializer = new KafkaAvroSerializer();
                KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer()) {
            serializer.configure(config, true);
            deserializer.configure(config, true);
            bytes = serializer.serialize("t", record);
            decoded = deserializer.deserialize("t", bytes);
        }

        // magic 0, id 5, zigzag varint 300 = 0xd8 0x04, string length 2 (zigzag 4) + UTF-8 of é
        assertThat(bytes).containsExactly(0, 0, 0, 0, 5, 0xd8, 0x04, 0x04, 0xc3, 0xa9);
        assertThat(paths).containsExactly("POST /subjects/t-key/versions", "GET /schemas/ids/5");
        assertThat(((GenericRecord) decoded).get("id")).isEqualTo(300L);
        assertThat(((GenericRecord) decoded).get("s").toString()).isEqualTo("é");
    }
}
