package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.stack.ServiceStatus;
import io.tributary.stack.ServiceStatus.State;
import io.tributary.stack.Supervision;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusRenderingTest {
    private final List<ServiceStatus> statuses = List.of(
            new ServiceStatus("postgres", State.HEALTHY, "postgresql://127.0.0.1:15432/tributary", 101L, 45_000_000, "PostgreSQL 17.7"),
            new ServiceStatus("kafka", State.DEAD, "127.0.0.1:19092", null, 2048, "gone"),
            new ServiceStatus("schema-registry", State.STOPPED, "http://127.0.0.1:18081", null, -1, "not running"));

    @Test
    void tableIsAlignedWithOneRowPerService() {
        String table = StatusRendering.table(statuses);
        assertThat(table).isEqualTo("""
                SERVICE          STATE    RESTARTS  PID  ENDPOINT                                DATA
                postgres         healthy  0         101  postgresql://127.0.0.1:15432/tributary  42.9 MiB
                kafka            dead     0         -    127.0.0.1:19092                         2.0 KiB
                schema-registry  stopped  0         -    http://127.0.0.1:18081                  -
                """);
    }

    @Test
    void jsonCarriesStatePidEndpointAndSize() throws Exception {
        JsonNode root = new ObjectMapper().readTree(StatusRendering.json(Path.of("/data"), statuses));
        assertThat(root.get("dataDir").asText()).isEqualTo("/data");
        assertThat(root.get("healthy").asBoolean()).isFalse();
        JsonNode pg = root.get("services").get(0);
        assertThat(pg.get("name").asText()).isEqualTo("postgres");
        assertThat(pg.get("state").asText()).isEqualTo("healthy");
        assertThat(pg.get("pid").asLong()).isEqualTo(101);
        assertThat(pg.get("endpoint").asText()).isEqualTo("postgresql://127.0.0.1:15432/tributary");
        assertThat(pg.get("dataBytes").asLong()).isEqualTo(45_000_000);
        assertThat(root.get("services").get(1).get("pid").isNull()).isTrue();
        assertThat(root.get("services")).hasSize(3);
    }

    @Test
    void healthyServersAndRunningPipelineProcessesAreAllHealthy() throws Exception {
        List<ServiceStatus> fine = List.of(statuses.get(0),
                new ServiceStatus("cdc-engine", State.RUNNING, "", 202L, -1, "process alive"));
        JsonNode root = new ObjectMapper().readTree(StatusRendering.json(Path.of("/d"), fine));
        assertThat(root.get("healthy").asBoolean()).isTrue();
        assertThat(root.get("services").get(1).get("state").asText()).isEqualTo("running");
        assertThat(StatusRendering.table(fine)).contains("cdc-engine  running  0         202  -");
    }

    @Test
    void restartsLastExitCodeAndGivingUpAreInTheTableAndTheJson() throws Exception {
        List<ServiceStatus> supervised = List.of(
                new ServiceStatus("kafka", State.HEALTHY, "127.0.0.1:19092", 303L, 2048, "ok",
                        new Supervision(2, 137, "2026-11-21T12:00:00Z", false, null)),
                new ServiceStatus("cdc-engine", State.FAILED, "", null, -1, "gave up",
                        new Supervision(20, 1, "2026-11-21T12:05:00Z", false, "cdc-engine restarted 20 times within PT10M")),
                new ServiceStatus("s3", State.STOPPED, "http://127.0.0.1:19000", null, 10, "stopping", new Supervision(0, null, null, true, null)));
        assertThat(StatusRendering.table(supervised)).contains("kafka       healthy           2         303")
                .contains("cdc-engine  failed            20").contains("s3          stopped (paused)  0");
        JsonNode root = new ObjectMapper().readTree(StatusRendering.json(Path.of("/d"), supervised, 4242L));
        assertThat(root.get("supervisorPid").asLong()).isEqualTo(4242);
        JsonNode kafka = root.get("services").get(0);
        assertThat(kafka.get("restarts").asInt()).isEqualTo(2);
        assertThat(kafka.get("lastExitCode").asInt()).isEqualTo(137);
        assertThat(kafka.get("lastRestartAt").asText()).isEqualTo("2026-11-21T12:00:00Z");
        assertThat(kafka.get("failure").isNull()).isTrue();
        JsonNode cdc = root.get("services").get(1);
        assertThat(cdc.get("state").asText()).isEqualTo("failed");
        assertThat(cdc.get("failure").asText()).contains("20 times");
        assertThat(root.get("services").get(2).get("paused").asBoolean()).isTrue();
        assertThat(root.get("services").get(2).get("lastExitCode").isNull()).isTrue();
        assertThat(root.get("healthy").asBoolean()).isFalse();
    }

    @Test
    void jsonListsTheParkedTablesWithReasonAndFix() throws Exception {
        List<ParkedTable> parked = List.of(new ParkedTable("cdc-engine", "shop.orders", "schema_refused", ""),
                new ParkedTable("lakehouse-job", "payments", "IllegalStateException: boom", "12"));
        JsonNode root = new ObjectMapper().readTree(StatusRendering.json(Path.of("/d"), statuses, null, parked));
        JsonNode tables = root.get("parkedTables");
        assertThat(tables).hasSize(2);
        assertThat(tables.get(0).get("stage").asText()).isEqualTo("cdc-engine");
        assertThat(tables.get(0).get("table").asText()).isEqualTo("shop.orders");
        assertThat(tables.get(0).get("reason").asText()).isEqualTo("schema_refused");
        assertThat(tables.get(0).get("sinceBatch").isNull()).isTrue();
        assertThat(tables.get(0).get("fix").asText()).isEqualTo("./tributary schema accept orders; ./tributary resume orders");
        assertThat(tables.get(1).get("sinceBatch").asText()).isEqualTo("12");
        assertThat(new ObjectMapper().readTree(StatusRendering.json(Path.of("/d"), statuses)).get("parkedTables"))
                .as("always present, empty when nothing is parked").isEmpty();
    }

    @Test
    void jsonListsTheCapturedTablesCdcEngineReportsAProblemOfWithTheStatementThatFixesIt() throws Exception {
        List<CapturedTableProblem> problems = CapturedTableProblem.of(io.tributary.contracts.prometheus.PrometheusText.parse(
                "tributary_cdc_table_problem{table=\"shop.audit\",problem=\"not_readable\"} 1\n"
                        + "tributary_cdc_table_problem{table=\"shop.log\",problem=\"no_primary_key\"} 1\n"
                        + "tributary_cdc_table_problem{table=\"shop.x\",problem=\"from_a_newer_engine\"} 1\n"
                        + "tributary_cdc_table_parked{table=\"shop.orders\",reason=\"schema_refused\"} 1\n"));
        assertThat(problems).extracting(CapturedTableProblem::table).containsExactly("shop.audit", "shop.log");
        assertThat(problems.get(0).statusLine()).isEqualTo("table problem: Table shop.audit: the CDC role tributary_cdc "
                + "cannot read shop.audit (it was created by a role whose default privileges do not grant SELECT): its "
                + "snapshot and backfill fail and reconcile cannot compare it. Run as its owner or a superuser: "
                + "GRANT SELECT ON shop.audit TO tributary_cdc;");
        JsonNode root = new ObjectMapper().readTree(StatusRendering.json(Path.of("/d"), statuses, null, List.of(), problems));
        JsonNode tables = root.get("tableProblems");
        assertThat(tables).hasSize(2);
        assertThat(tables.get(0).get("problem").asText()).isEqualTo("not_readable");
        assertThat(tables.get(0).get("fix").asText()).isEqualTo("GRANT SELECT ON shop.audit TO tributary_cdc;");
        assertThat(tables.get(1).get("message").asText()).contains("shop.log has no primary key");
        assertThat(new ObjectMapper().readTree(StatusRendering.json(Path.of("/d"), statuses)).get("tableProblems")).isEmpty();
    }

    @Test
    void byteSizesAreHumanReadable() {
        assertThat(ByteSize.human(-1)).isEqualTo("-");
        assertThat(ByteSize.human(0)).isEqualTo("0 B");
        assertThat(ByteSize.human(1023)).isEqualTo("1023 B");
        assertThat(ByteSize.human(1536)).isEqualTo("1.5 KiB");
        assertThat(ByteSize.human(5L * 1024 * 1024 * 1024)).isEqualTo("5.0 GiB");
    }
}
