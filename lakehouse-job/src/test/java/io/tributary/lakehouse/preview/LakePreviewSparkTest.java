package io.tributary.lakehouse.preview;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.lakehouse.lake.CommitRetry;
import io.tributary.lakehouse.lake.LakePaths;
import io.tributary.lakehouse.lake.LocalLake;
import io.tributary.lakehouse.lake.QuarantineWriter;
import io.tributary.lakehouse.metrics.JobMetrics;
import io.tributary.lakehouse.metrics.MetricsServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /lake/preview on the job's real HTTP server (MetricsServer) over a real local Spark session and Delta tables on
 * the local filesystem: silver/orders written in two versions (time travel gives each as written), the quarantine
 * with its reason, and the answers for a bad parameter, a path that is no table, a version the table lacks and a read
 * past its timeout.
 */
class LakePreviewSparkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StructType ORDERS = new StructType().add("order_id", DataTypes.LongType)
            .add("status", DataTypes.StringType).add("note", DataTypes.StringType);

    @TempDir
    static Path dir;

    static SparkSession spark;
    static LakePaths paths;
    static MetricsServer server;
    /** The version of silver/orders' overwrite (its creation is version 0; the session may commit in between). */
    static long overwrite;
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void startSparkAndTheServer() throws Exception {
        LocalLake lake = LocalLake.start(dir, "lake-preview-test");
        spark = lake.spark();
        paths = lake.paths();
        spark.createDataFrame(List.of(RowFactory.create(1L, "new", null), RowFactory.create(2L, "new", "gift")), ORDERS)
                .write().format("delta").save(paths.silver("orders"));
        spark.createDataFrame(List.of(RowFactory.create(1L, "paid", null), RowFactory.create(2L, "shipped", "gift"),
                RowFactory.create(3L, "new", null)), ORDERS).write().format("delta").mode(SaveMode.Overwrite)
                .save(paths.silver("orders"));
        overwrite = io.delta.tables.DeltaTable.forPath(spark, paths.silver("orders")).history(1).first().getLong(0);
        QuarantineWriter quarantine = new QuarantineWriter(paths, new CommitRetry(3, Duration.ofMillis(50)));
        quarantine.createIfMissing(spark);
        quarantine.append(spark.createDataFrame(List.of(RowFactory.create("tributary.shop.payments", 0, 41L, new Timestamp(0),
                "payments", "not Avro: magic byte 0x7b", new byte[] {0}, new byte[] {1, 2}, new Timestamp(1000), 7L)),
                QuarantineWriter.SCHEMA), "test-app", 7);
        server = server(LakePreviewEndpoint.DEFAULT_TIMEOUT);
    }

    static MetricsServer server(Duration timeout) throws Exception {
        return new MetricsServer("127.0.0.1", 0, new JobMetrics(Clock.systemUTC()), () -> "UP", () -> "",
                Function.identity(), new LakePreviewEndpoint(new LakePreview(spark, paths), timeout));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (spark != null) {
            spark.stop();
        }
    }

    static HttpResponse<String> get(MetricsServer on, String query) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + on.port() + "/lake/preview?" + query))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode preview(String query) throws Exception {
        HttpResponse<String> response = get(server, query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(response.body());
    }

    static List<String> rows(JsonNode preview) {
        List<String> rows = new ArrayList<>();
        preview.get("rows").forEach(r -> rows.add(r.toString()));
        return rows;
    }

    @Test
    void versionZeroAndTheLatestAreTheRowsAsEachWasWritten() throws Exception {
        JsonNode first = preview("path=silver%2Forders%2F&version=0");
        assertThat(first.get("path").asText()).isEqualTo("silver/orders");
        assertThat(first.get("version").asLong()).isZero();
        assertThat(overwrite).isPositive();
        assertThat(first.get("latestVersion").asLong()).isEqualTo(overwrite);
        assertThat(first.get("columns")).extracting(JsonNode::asText).containsExactly("order_id", "status", "note");
        assertThat(rows(first)).containsExactlyInAnyOrder("{\"order_id\":1,\"status\":\"new\"}",
                "{\"order_id\":2,\"status\":\"new\",\"note\":\"gift\"}");
        assertThat(first.get("rowsLeftOut").asInt()).isZero();

        JsonNode latest = preview("path=silver%2Forders");
        assertThat(latest.get("version").asLong()).isEqualTo(overwrite);
        assertThat(rows(latest)).containsExactlyInAnyOrder("{\"order_id\":1,\"status\":\"paid\"}",
                "{\"order_id\":2,\"status\":\"shipped\",\"note\":\"gift\"}", "{\"order_id\":3,\"status\":\"new\"}");
        assertThat(rows(preview("path=silver%2Forders&version=" + overwrite + "&limit=2"))).hasSize(2);
    }

    @Test
    void theQuarantineShowsEachRecordWithItsReason() throws Exception {
        JsonNode quarantine = preview("path=quarantine");
        assertThat(quarantine.get("columns")).extracting(JsonNode::asText).contains("_table", "_offset", "_error");
        assertThat(quarantine.get("rows")).hasSize(1);
        JsonNode record = quarantine.get("rows").get(0);
        assertThat(record.get("_table").asText()).isEqualTo("payments");
        assertThat(record.get("_offset").asLong()).isEqualTo(41);
        assertThat(record.get("_error").asText()).isEqualTo("not Avro: magic byte 0x7b");
    }

    /** The answer's body, after asserting its status. */
    static String answer(MetricsServer on, String query, int status) throws Exception {
        HttpResponse<String> response = get(on, query);
        assertThat(response.statusCode()).as("%s: %s", query, response.body()).isEqualTo(status);
        return response.body();
    }

    @Test
    void aBadParameterIs400AMissingTableOrVersion404WithDeltasMessage() throws Exception {
        assertThat(answer(server, "path=..%2Fsecrets", 400)).startsWith("path=../secrets: a table's path under the lake's root");
        assertThat(answer(server, "path=_checkpoints%2Flakehouse-job", 400))
                .contains("path=_checkpoints/lakehouse-job is no table of the lake");
        assertThat(answer(server, "path=silver%2Forders&version=-1", 400)).startsWith("version=-1");

        assertThat(answer(server, "path=silver%2Fpayments", 404)).startsWith("silver/payments is not a Delta table");
        assertThat(answer(server, "path=silver%2Forders&version=" + (overwrite + 3), 404))
                .startsWith("silver/orders: Cannot time travel Delta table to version " + (overwrite + 3))
                .contains("[0, " + overwrite + "]");
    }

    @Test
    void aReadPastItsTimeoutIs503AndTheNextReadIsServed() throws Exception {
        try (MetricsServer hurried = server(Duration.ofMillis(1))) {
            assertThat(answer(hurried, "path=silver%2Forders", 503)).startsWith("the preview of silver/orders took longer than 1 ms and was cancelled");
        }
        assertThat(rows(preview("path=silver%2Forders&version=0"))).hasSize(2);
    }
}
