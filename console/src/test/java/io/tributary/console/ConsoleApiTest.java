package io.tributary.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FixedSources sources = new FixedSources();
    private final MetricHistory history = new MetricHistory(Duration.ofMinutes(15));
    private ConsoleToken token;
    private ConsoleApi api;

    @BeforeEach
    void setUp(@TempDir Path dir) throws Exception {
        token = ConsoleToken.loadOrCreate(dir.resolve(ConsoleToken.FILE_NAME));
        api = new ConsoleApi(sources, history, token,
                () -> new RegistryView(path -> path.equals("/subjects") ? Optional.of("[\"s-value\"]")
                        : path.startsWith("/subjects/") ? Optional.of("[1,2]") : Optional.of("{\"compatibilityLevel\":\"BACKWARD\"}")));
    }

    private JsonNode get(String path) throws Exception {
        ConsoleResponse response = api.handle("GET", path, null);
        assertThat(response.status()).as(path).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        return JSON.readTree(response.bodyText());
    }

    @Test
    void statusIsWhatStatusJsonPrints() throws Exception {
        assertThat(api.handle("GET", "/api/status", null).bodyText()).isEqualTo(FixedSources.STATUS_JSON);
        assertThat(get("/api/status").get("services").get(0).get("pid").asLong()).isEqualTo(4242);
    }

    @Test
    void seriesHasTheSampledRates() throws Exception {
        history.add(sources.sample());
        history.add(sources.sample());
        history.add(sources.sample());
        JsonNode series = get("/api/series");
        assertThat(series.get("written")).extracting(JsonNode::asDouble).containsExactly(100.0, 100.0);
        assertThat(series.get("captured")).extracting(JsonNode::asDouble).containsExactly(200.0, 200.0);
        assertThat(series.get("merged")).extracting(JsonNode::asDouble).containsExactly(50.0, 50.0);
        assertThat(series.get("cdcLag")).extracting(JsonNode::asDouble).containsExactly(0.5, 0.5);
    }

    @Test
    void tablesHaveTheirCountsAndNullWhenUnknown() throws Exception {
        JsonNode tables = get("/api/tables");
        assertThat(tables.get(0).get("table").asText()).isEqualTo("orders");
        assertThat(tables.get(0).get("postgres").asLong()).isEqualTo(12991);
        assertThat(tables.get(0).get("bronze").asLong()).isEqualTo(14003);
        assertThat(tables.get(0).get("merged").asLong()).isEqualTo(13500);
        assertThat(tables.get(0).get("silverAtReconcile").asLong()).isEqualTo(12991);
        assertThat(tables.get(1).get("postgres").asLong()).isEqualTo(240);
        assertThat(tables.get(1).get("captured").isNull()).isTrue();
    }

    @Test
    void reconcileIsTheLatestReportOrNull() throws Exception {
        assertThat(get("/api/reconcile").get("report").isNull()).isTrue();
        sources.reconcile = Optional.of(FixedSources.reconcileReport());
        JsonNode report = get("/api/reconcile").get("report");
        assertThat(report.get("outcome").asText()).isEqualTo("equal");
        assertThat(report.get("snapshotLsn").asText()).isEqualTo("0/1F70140");
        assertThat(report.get("tables").get(0).get("silverRows").asLong()).isEqualTo(12991);
    }

    @Test
    void registryQuarantineAndChaos() throws Exception {
        JsonNode registry = get("/api/registry");
        assertThat(registry.get("subjects").get(0).get("versions")).extracting(JsonNode::asInt).containsExactly(1, 2);
        assertThat(get("/api/quarantine").get("quarantined").asLong()).isEqualTo(3);
        assertThat(get("/api/quarantine").get("page").asText()).as("the lake page that previews the records with their reason")
                .isEqualTo("/lake?path=quarantine%2F");
        sources.quarantined = OptionalLong.empty();
        assertThat(get("/api/quarantine").get("quarantined").isNull()).isTrue();
        assertThat(get("/api/chaos").get("summary").isNull()).isTrue();
        sources.chaos = Optional.of("CHAOS PASSED: 4 faults");
        assertThat(get("/api/chaos").get("summary").asText()).isEqualTo("CHAOS PASSED: 4 faults");
    }

    @Test
    void theReconcileActionNeedsTheToken() throws Exception {
        ConsoleResponse refused = api.handle("POST", "/api/actions/reconcile", null);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.bodyText()).contains("console token", ConsoleToken.FILE_NAME).doesNotContain(token.value());
        assertThat(api.handle("POST", "/api/actions/reconcile", "Bearer wrong").status()).isEqualTo(401);
        assertThat(sources.reconcilesStarted).hasValue(0);

        ConsoleResponse accepted = api.handle("POST", "/api/actions/reconcile", "Bearer " + token.value());
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(JSON.readTree(accepted.bodyText()).get("message").asText()).isEqualTo("reconcile started");
        assertThat(sources.reconcilesStarted).hasValue(1);
        assertThat(api.handle("GET", "/api/actions/reconcile", "Bearer " + token.value()).status()).isEqualTo(405);
    }

    @Test
    void readEndpointsAreGetOnly() throws Exception {
        assertThat(api.handle("POST", "/api/status", "Bearer " + token.value()).status()).isEqualTo(405);
        assertThat(api.handle("DELETE", "/api/tables", null).status()).isEqualTo(405);
    }

    @Test
    void thePageAndTheChartLibraryComeFromTheJar() throws Exception {
        ConsoleResponse page = api.handle("GET", "/", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.bodyText()).contains("/static/vendor/uPlot.iife.min.js").doesNotContain("https://");
        ConsoleResponse chart = api.handle("GET", "/static/vendor/uPlot.iife.min.js", null);
        assertThat(chart.status()).isEqualTo(200);
        assertThat(chart.bodyText()).contains("uPlot");
        assertThat(api.handle("GET", "/static/console.js", null).bodyText()).contains("/api/series");
        assertThat(api.handle("GET", "/static/../console/index.html", null).status()).isEqualTo(404);
        assertThat(api.handle("GET", "/static/nothing.js", null).status()).isEqualTo(404);
        assertThat(api.handle("GET", "/nowhere", null).status()).isEqualTo(404);
    }

    @Test
    void aReconcileThatCannotStartIsRefusedWithTheReason() throws Exception {
        sources.reconcileRefusal = "a reconcile started from the console is still running";
        ConsoleResponse refused = api.handle("POST", "/api/actions/reconcile", "Bearer " + token.value());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(JSON.readTree(refused.bodyText()).get("started").asBoolean()).isFalse();
        assertThat(JSON.readTree(refused.bodyText()).get("error").asText()).contains("still running");
        assertThat(sources.reconcilesStarted).hasValue(0);
    }
}
