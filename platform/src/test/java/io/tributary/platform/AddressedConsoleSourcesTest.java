package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.tributary.stack.StackPorts;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The console over servers named by their addresses: a stage whose /metrics answer (an HTTP server of this test
 * serving the lakehouse job's metric names) is healthy and read; a stage nothing listens for is shown unhealthy.
 */
class AddressedConsoleSourcesTest {
    private static final String LAKE = """
            tributary_lakehouse_bronze_rows_total{table="orders"} 14003
            tributary_lakehouse_rows_merged_total{table="orders"} 13500
            tributary_lakehouse_quarantined_total 2
            tributary_lakehouse_spark_ui_port 4040
            """;

    @Test
    void readsTheStagesAtTheirAddresses() throws Exception {
        HttpServer lake = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        lake.createContext("/metrics", exchange -> {
            byte[] body = LAKE.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        lake.start();
        try {
            URI lakeUrl = URI.create("http://127.0.0.1:" + lake.getAddress().getPort());
            URI nobody = URI.create("http://127.0.0.1:" + StackPorts.freePort());
            ConsoleAddresses addresses = ConsoleAddresses.of(Map.of("TRIBUTARY_APP_PASSWORD", "x",
                    "TRIBUTARY_PG_PORT", Integer.toString(StackPorts.freePort()),
                    "TRIBUTARY_S3_ACCESS_KEY", "a", "TRIBUTARY_S3_SECRET_KEY", "s", "TRIBUTARY_KAFKA_BOOTSTRAP", "kafka:9092"),
                    Map.of(Pipeline.LAKEHOUSE_JOB, lakeUrl, Pipeline.CDC_ENGINE, nobody));
            AddressedConsoleSources sources = new AddressedConsoleSources(addresses);

            JsonNode status = new ObjectMapper().readTree(sources.statusJson());
            assertThat(status.get("services")).hasSize(2);
            JsonNode cdc = status.get("services").get(0);
            assertThat(cdc.get("name").asText()).isEqualTo("cdc-engine");
            assertThat(cdc.get("state").asText()).isEqualTo("unhealthy");
            assertThat(cdc.get("endpoint").asText()).isEqualTo(nobody.toString());
            JsonNode job = status.get("services").get(1);
            assertThat(job.get("name").asText()).isEqualTo("lakehouse-job");
            assertThat(job.get("state").asText()).isEqualTo("healthy");

            assertThat(sources.quarantined()).hasValue(2);
            assertThat(sources.sparkUiUrl()).hasValue("http://127.0.0.1:4040/");
            assertThat(sources.lakehouseJobUrl()).hasValue(lakeUrl);
            assertThat(sources.tables()).filteredOn(t -> t.table().equals("orders")).singleElement()
                    .satisfies(t -> {
                        assertThat(t.bronze()).hasValue(14003);
                        assertThat(t.merged()).hasValue(13500);
                    });
            assertThat(sources.lake()).hasValueSatisfying(l -> assertThat(l.bucket()).isEqualTo("lakehouse"));
            assertThat(sources.lastReconcileJson()).isEmpty();
            assertThat(sources.startReconcile().started()).isFalse();
            assertThat(sources.startReconcile().message()).contains("docker compose run --rm lakehouse-job reconcile");
        } finally {
            lake.stop(0);
        }
    }
}
