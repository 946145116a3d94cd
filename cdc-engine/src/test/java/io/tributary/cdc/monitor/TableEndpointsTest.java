package io.tributary.cdc.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.cdc.parking.ParkedTable;
import io.tributary.cdc.parking.TableFailure;
import io.tributary.cdc.parking.TableOperations;
import io.tributary.cdc.signal.BackfillRequest;
import io.tributary.cdc.signal.TableBackfill;
import org.junit.jupiter.api.Test;

/** The parked-table operations on the metrics port: paths, methods, status codes and JSON bodies. */
class TableEndpointsTest {
    static final ParkedTable PARKED = new ParkedTable("shop.b", "tributary.shop.b", "tributary._parked.shop.b", "i-1", 42L,
            TableFailure.Kind.SCHEMA_REFUSED, null, "refused as incompatible", Instant.parse("2026-12-07T10:00:00Z"));

    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    static final class Operations implements TableOperations {
        @Override
        public List<ParkedTable> parked() {
            return List.of(PARKED);
        }

        @Override
        public AcceptResult acceptSchema(String table) {
            return new AcceptResult(table, 3, List.of(new AcceptedSchema(table + "-value", 7, 2, true, null)));
        }

        @Override
        public ResumeResult resume(String table) {
            if (!table.equals("shop.b")) {
                throw new TableOperationException(404, "Table " + table + " is not parked", null);
            }
            return new ResumeResult(table, "tributary.shop.b", 3, 1);
        }
    }

    HttpResponse<String> call(int port, String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesParkedTablesAcceptAndResume() throws Exception {
        try (MetricsServer server = MetricsServer.start("127.0.0.1", 0, new CdcMetrics())) {
            int port = server.port();
            assertThat(call(port, "GET", "/tables/parked").statusCode()).as("before the pipeline is wired").isEqualTo(503);
            server.serveTableOperations(new Operations());

            HttpResponse<String> list = call(port, "GET", "/tables/parked");
            assertThat(list.statusCode()).isEqualTo(200);
            JsonNode parked = json.readTree(list.body()).get("parked").get(0);
            assertThat(parked.get("table").asText()).isEqualTo("shop.b");
            assertThat(parked.get("sinceLsn").asLong()).isEqualTo(42L);
            assertThat(parked.get("reason").asText()).isEqualTo("schema_refused");
            assertThat(parked.get("parkingTopic").asText()).isEqualTo("tributary._parked.shop.b");
            assertThat(parked.get("fix").asText()).contains("POST /tables/shop.b/accept-schema");

            HttpResponse<String> accept = call(port, "POST", "/tables/shop.b/accept-schema");
            assertThat(accept.statusCode()).isEqualTo(200);
            assertThat(json.readTree(accept.body()).at("/schemas/0/overridden").asBoolean()).isTrue();

            HttpResponse<String> resume = call(port, "POST", "/tables/shop.b/resume");
            assertThat(resume.statusCode()).isEqualTo(200);
            assertThat(json.readTree(resume.body()).get("replayed").asInt()).isEqualTo(3);
            assertThat(json.readTree(resume.body()).get("duplicatesSkipped").asInt()).isEqualTo(1);

            HttpResponse<String> notParked = call(port, "POST", "/tables/shop.x/resume");
            assertThat(notParked.statusCode()).isEqualTo(404);
            assertThat(json.readTree(notParked.body()).get("error").asText()).contains("is not parked");

            assertThat(call(port, "GET", "/tables/shop.b/resume").statusCode()).isEqualTo(405);
            assertThat(call(port, "POST", "/tables/shop.b/drop").statusCode()).isEqualTo(404);
            assertThat(call(port, "GET", "/metrics").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void backfillStartsAnIncrementalSnapshotOrSaysWhyNot() throws Exception {
        try (MetricsServer server = MetricsServer.start("127.0.0.1", 0, new CdcMetrics())) {
            int port = server.port();
            server.serveTableOperations(new Operations());
            assertThat(call(port, "POST", "/tables/shop.b/backfill").statusCode()).as("before it is wired").isEqualTo(503);
            server.serveBackfill(table -> {
                if (!table.equals("shop.b")) {
                    throw new TableBackfill.BackfillException(409, "Table " + table + " has no primary key", null);
                }
                return new BackfillRequest("backfill-1", table);
            });

            HttpResponse<String> started = call(port, "POST", "/tables/shop.b/backfill");
            assertThat(started.statusCode()).isEqualTo(200);
            JsonNode body = json.readTree(started.body());
            assertThat(body.get("table").asText()).isEqualTo("shop.b");
            assertThat(body.get("signal").asText()).isEqualTo("backfill-1");
            assertThat(body.get("message").asText()).contains("Backfill of shop.b started").contains("streaming goes on");

            HttpResponse<String> refused = call(port, "POST", "/tables/shop.c/backfill");
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(json.readTree(refused.body()).get("error").asText()).isEqualTo("Table shop.c has no primary key");
            assertThat(call(port, "GET", "/tables/shop.b/backfill").statusCode()).isEqualTo(405);
        }
    }
}
