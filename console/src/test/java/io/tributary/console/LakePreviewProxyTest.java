package io.tributary.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /api/lake/preview without a running lakehouse job (the job's side, with Spark, is LakePreviewSparkTest; both
 * together run in DemoIT): the parameters checked before any request, the answer when the job is not known or does
 * not run, and how the job's answers are mapped.
 */
class LakePreviewProxyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FixedSources sources = new FixedSources();
    private ConsoleApi api;

    @BeforeEach
    void setUp(@TempDir Path dir) throws Exception {
        api = new ConsoleApi(sources, new MetricHistory(Duration.ofMinutes(15)),
                ConsoleToken.loadOrCreate(dir.resolve(ConsoleToken.FILE_NAME)), () -> new RegistryView(SchemaDiffTest::registry));
    }

    private String error(ConsoleResponse response) throws Exception {
        return JSON.readTree(response.bodyText()).get("error").asText();
    }

    @Test
    void theParametersAreCheckedWithTheJobsRulesBeforeAnyRequest() throws Exception {
        sources.lakehouseJob = Optional.of(URI.create("http://127.0.0.1:1"));
        ConsoleResponse outside = api.handle("GET", "/api/lake/preview?path=_checkpoints%2Flakehouse-job%2F", null);
        assertThat(outside.status()).isEqualTo(400);
        assertThat(error(outside)).startsWith("path=_checkpoints/lakehouse-job is no table of the lake: name one as bronze/<table>");
        ConsoleResponse version = api.handle("GET", "/api/lake/preview?path=silver%2Forders%2F&version=-2", null);
        assertThat(version.status()).isEqualTo(400);
        assertThat(error(version)).isEqualTo("version=-2: a version is 0 or more");
        assertThat(error(api.handle("GET", "/api/lake/preview", null))).startsWith("the parameter path is missing");
    }

    @Test
    void withoutARunningJobThePreviewSaysItNeedsTheJob() throws Exception {
        ConsoleResponse unknown = api.handle("GET", "/api/lake/preview?path=silver%2Forders%2F", null);
        assertThat(unknown.status()).isEqualTo(503);
        assertThat(error(unknown)).isEqualTo(LakePreviewProxy.NEEDS_THE_JOB + "; its HTTP port is not known to the console"
                + " (or is turned off: TRIBUTARY_LAKEHOUSE_METRICS_PORT=-1)");

        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        sources.lakehouseJob = Optional.of(URI.create("http://127.0.0.1:" + closed));
        ConsoleResponse down = api.handle("GET", "/api/lake/preview?path=quarantine", null);
        assertThat(down.status()).isEqualTo(503);
        assertThat(error(down)).startsWith("the preview needs the lakehouse job: ./tributary up starts it")
                .contains("it does not answer at http://127.0.0.1:" + closed + " (java.net.ConnectException");
    }

    @Test
    void theJobsAnswersAreMappedWithItsMessage() throws Exception {
        String rows = "{\"path\":\"quarantine\",\"version\":0,\"columns\":[\"_error\"],\"rows\":[{\"_error\":\"not Avro\"}]}";
        ConsoleResponse ok = LakePreviewProxy.answer(200, rows);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.contentType()).isEqualTo(ConsoleResponse.JSON);
        assertThat(ok.bodyText()).isEqualTo(rows);

        ConsoleResponse badVersion = LakePreviewProxy.answer(404,
                "silver/orders: Cannot time travel Delta table to version 9. Available versions: [0, 4].\n");
        assertThat(badVersion.status()).isEqualTo(404);
        assertThat(error(badVersion)).isEqualTo("silver/orders: Cannot time travel Delta table to version 9. Available versions: [0, 4].");
        ConsoleResponse bad = LakePreviewProxy.answer(400, "limit=0: a preview has 1 to 100 rows\n");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(error(bad)).isEqualTo("limit=0: a preview has 1 to 100 rows");
        ConsoleResponse busy = LakePreviewProxy.answer(503, "another preview is being read; ask again in a moment\n");
        assertThat(busy.status()).isEqualTo(503);
        assertThat(error(busy)).isEqualTo("the lakehouse job: another preview is being read; ask again in a moment");
        ConsoleResponse failed = LakePreviewProxy.answer(500, "the preview of silver/orders failed: java.io.IOException: s3a\n");
        assertThat(failed.status()).isEqualTo(502);
        assertThat(error(failed)).isEqualTo("the lakehouse job answered the preview with 500: the preview of silver/orders"
                + " failed: java.io.IOException: s3a (its log: ./tributary logs lakehouse-job)");
        ConsoleResponse old = LakePreviewProxy.answer(404, "<h1>404 Not Found</h1>No context found for request");
        assertThat(old.status()).as("a job started before the endpoint existed").isEqualTo(502);
        assertThat(error(old)).isEqualTo("the lakehouse job has no /lake/preview: it was started from an older build;"
                + " restart it (./tributary down, then ./tributary up)");
    }
}
