package io.tributary.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's HTTP behaviour (retries, error mapping, caching) against a local JDK HTTP server that answers
 * with scripted responses: the failure cases (503, garbage bodies) cannot be provoked on a healthy registry.
 * The happy paths against our real registry are in the server module (SerdeRoundTripTest, NpmInteropIT).
 */
class CachingSchemaRegistryClientTest {
    private static final String STRING_SCHEMA = "{\"schema\":\"\\\"string\\\"\"}";
    private static final RegistryClientSettings FAST = RegistryClientSettings.defaults()
            .withMaxRetries(2).withBackoff(Duration.ofMillis(10), Duration.ofMillis(20))
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));

    private HttpServer server;
    private final Deque<String[]> script = new ArrayDeque<>();
    private final List<String> requests = new ArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private synchronized void answer(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " "
                + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String[] next = script.isEmpty() ? new String[] {"500", "{}"} : script.poll();
        byte[] body = next[1].getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(Integer.parseInt(next[0]), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private CachingSchemaRegistryClient client() {
        return new CachingSchemaRegistryClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), FAST);
    }

    @Test
    void retriesServerErrorsThenSucceeds() {
        script.add(new String[] {"503", "{\"error_code\":50001,\"message\":\"store down\"}"});
        script.add(new String[] {"500", "<html>oops</html>"});
        script.add(new String[] {"429", "{\"error_code\":429,\"message\":\"Rate limit exceeded\"}"});
        script.add(new String[] {"200", STRING_SCHEMA});
        CachingSchemaRegistryClient client = new CachingSchemaRegistryClient(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), FAST.withMaxRetries(3));

        Schema schema = client.getById(7);

        assertThat(schema.getType()).isEqualTo(Schema.Type.STRING);
        assertThat(requests).hasSize(4).allMatch(r -> r.startsWith("GET /schemas/ids/7 "));
    }

    @Test
    void givesUpAfterTheConfiguredRetriesWithTheLastError() {
        for (int i = 0; i < 3; i++) {
            script.add(new String[] {"503", "{\"error_code\":50001,\"message\":\"store down\"}"});
        }

        assertThatThrownBy(() -> client().getById(1))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("failed 3 time(s)")
                .hasMessageContaining("error_code 50001: store down")
                .satisfies(e -> assertThat(((RegistryUnavailableException) e).httpStatus()).isEqualTo(503));
        assertThat(requests).hasSize(3);
    }

    @Test
    void clientErrorsFailAtOnceWithTheConfluentErrorCode() {
        script.add(new String[] {"409", "{\"error_code\":409,\"message\":\"Schema being registered is incompatible\"}"});

        assertThatThrownBy(() -> client().register("orders-value", Schema.create(Schema.Type.INT)))
                .isInstanceOf(RegistryRequestException.class)
                .hasMessageContaining("HTTP 409")
                .hasMessageContaining("incompatible")
                .satisfies(e -> {
                    assertThat(((RegistryRequestException) e).httpStatus()).isEqualTo(409);
                    assertThat(((RegistryRequestException) e).errorCode()).isEqualTo(409);
                });
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0)).isEqualTo(
                "POST /subjects/orders-value/versions application/vnd.schemaregistry.v1+json {\"schema\":\"\\\"int\\\"\"}");
    }

    @Test
    void connectionRefusedIsRetriedThenUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CachingSchemaRegistryClient client = new CachingSchemaRegistryClient(URI.create("http://127.0.0.1:" + closedPort), FAST);

        assertThatThrownBy(() -> client.getById(1))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("failed 3 time(s)")
                .hasMessageContaining("ConnectException")
                .satisfies(e -> assertThat(((RegistryUnavailableException) e).httpStatus()).isZero());
    }

    @Test
    void cachesSchemasByIdAndIdsBySubjectAndSchema() {
        CachingSchemaRegistryClient client = client();
        script.add(new String[] {"200", STRING_SCHEMA});
        script.add(new String[] {"200", "{\"id\":12}"});

        client.getById(5);
        client.getById(5);
        Schema schema = Schema.create(Schema.Type.LONG);
        assertThat(client.register("a b/c", schema)).isEqualTo(12);
        assertThat(client.register("a b/c", new Schema.Parser().parse("\"long\""))).isEqualTo(12);
        assertThat(client.getById(12)).isEqualTo(schema);

        assertThat(requests).hasSize(2);
        assertThat(requests.get(1)).startsWith("POST /subjects/a%20b%2Fc/versions ");
    }

    @Test
    void lookupIsEmptyForUnknownSubjectOrSchemaAndCompatibilityIsTrueWithoutVersions() {
        CachingSchemaRegistryClient client = client();
        script.add(new String[] {"404", "{\"error_code\":40401,\"message\":\"Subject 's' not found.\"}"});
        script.add(new String[] {"404", "{\"error_code\":40403,\"message\":\"Schema not found\"}"});
        script.add(new String[] {"200", "{\"subject\":\"s\",\"version\":3,\"id\":9,\"schema\":\"\\\"int\\\"\"}"});
        script.add(new String[] {"404", "{\"error_code\":40401,\"message\":\"Subject 's' not found.\"}"});
        script.add(new String[] {"200", "{\"is_compatible\":false}"});
        Schema schema = Schema.create(Schema.Type.INT);

        assertThat(client.lookup("s", schema)).isEmpty();
        assertThat(client.lookup("s", schema)).isEmpty();
        assertThat(client.lookup("s", schema)).contains(new RegisteredSchema(9, 3, schema));
        assertThat(client.testCompatibility("s", schema)).isTrue();
        assertThat(client.testCompatibility("s", schema)).isFalse();
    }

    @Test
    void rejectsNonAvroSchemas() {
        script.add(new String[] {"200", "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}"});

        assertThatThrownBy(() -> client().getById(3))
                .isInstanceOf(SerdeException.class)
                .hasMessageContaining("PROTOBUF")
                .hasMessageContaining("Avro only");
    }
}
