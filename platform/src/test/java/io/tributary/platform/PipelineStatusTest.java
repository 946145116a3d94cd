package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.contracts.prometheus.PrometheusText;
import io.tributary.stack.ServiceStatus;
import io.tributary.stack.Supervision;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PipelineStatusTest {

    @Test
    void pipelineProcessesGetTheirMetricsEndpointAndFigures() {
        PipelinePorts ports = new PipelinePorts(28082, 28083, 28084);
        List<ServiceStatus> in = List.of(
                new ServiceStatus("postgres", ServiceStatus.State.HEALTHY, "postgresql://127.0.0.1:1/tributary", 10L, 5, "ok"),
                new ServiceStatus("cdc-engine", ServiceStatus.State.RUNNING, "", 11L, -1, "process alive",
                        new Supervision(3, 137, "2026-11-21T12:00:00Z", false, null)),
                new ServiceStatus("lakehouse-job", ServiceStatus.State.RUNNING, "", 12L, -1, "process alive"),
                new ServiceStatus("simulator", ServiceStatus.State.DEAD, "", null, -1, "exited"));
        List<ServiceStatus> out = PipelineStatus.enrich(in, ports, port -> port == 28082
                ? Optional.of(PrometheusText.parse(PrometheusTextTest.CDC)) : Optional.empty());
        assertThat(out.get(0)).isEqualTo(in.get(0));
        assertThat(out.get(1).endpoint()).isEqualTo("http://127.0.0.1:28082/metrics");
        assertThat(out.get(1).detail()).isEqualTo("12,354 changes captured, lag 0.3 s, retained WAL 1.0 MiB");
        assertThat(out.get(1).supervision().restarts()).as("restarts survive the enrichment").isEqualTo(3);
        assertThat(out.get(1).pid()).isEqualTo(11L);
        assertThat(out.get(2).detail()).contains("/metrics does not answer");
        assertThat(out.get(3)).isEqualTo(in.get(3));
    }

    @Test
    void parkedTablesOfBothStagesAreReadFromTheSameScrapeAndDecideTheExitCode() {
        PipelinePorts ports = new PipelinePorts(28082, 28083, 28084);
        List<ServiceStatus> in = List.of(
                new ServiceStatus("cdc-engine", ServiceStatus.State.RUNNING, "", 11L, -1, "process alive"),
                new ServiceStatus("lakehouse-job", ServiceStatus.State.RUNNING, "", 12L, -1, "process alive"));
        List<Integer> scraped = new java.util.ArrayList<>();
        PipelineStatus status = PipelineStatus.read(in, ports, port -> {
            scraped.add(port);
            return Optional.of(PrometheusText.parse(port == 28082 ? ParkedTableTest.CDC : ParkedTableTest.LAKE));
        });
        assertThat(scraped).as("one scrape per service").containsExactly(28082, 28083);
        assertThat(status.parked()).extracting(ParkedTable::stage, ParkedTable::table).containsExactly(
                org.assertj.core.groups.Tuple.tuple("cdc-engine", "shop.orders"),
                org.assertj.core.groups.Tuple.tuple("cdc-engine", "inventory.stock"),
                org.assertj.core.groups.Tuple.tuple("lakehouse-job", "payments"));
        assertThat(status.services().get(1).detail()).isEqualTo("40 batches, 0 bronze rows, 0 merged, freshness -");
        assertThat(status.exitCode()).as("healthy, but tables parked").isEqualTo(StatusCommand.TABLES_PARKED);

        PipelineStatus clean = PipelineStatus.read(in, ports, port -> Optional.of(PrometheusText.parse("x 1\n")));
        assertThat(clean.parked()).isEmpty();
        assertThat(clean.exitCode()).isZero();

        List<ServiceStatus> oneDead = List.of(in.get(0), new ServiceStatus("lakehouse-job", ServiceStatus.State.DEAD, "", null, -1, "exited"));
        PipelineStatus dead = PipelineStatus.read(oneDead, ports, port -> Optional.of(PrometheusText.parse(ParkedTableTest.CDC)));
        assertThat(dead.parked()).hasSize(2);
        assertThat(dead.exitCode()).as("a dead service outranks parked tables").isEqualTo(StatusCommand.NOT_ALL_HEALTHY);
    }

    @Test
    void theLakehouseJobLinksItsSparkUiWhenItReportsOne() {
        PipelinePorts ports = new PipelinePorts(28082, 28083, 28084);
        List<ServiceStatus> in = List.of(new ServiceStatus("lakehouse-job", ServiceStatus.State.RUNNING, "", 12L, -1, "process alive"));
        PipelineStatus withUi = PipelineStatus.read(in, ports, port -> Optional.of(PrometheusText.parse(
                "tributary_lakehouse_batches_total 4\ntributary_lakehouse_spark_ui_port 4041\n")));
        assertThat(withUi.services().get(0).detail())
                .isEqualTo("4 batches, 0 bronze rows, 0 merged, freshness -, Spark UI http://127.0.0.1:4041/");
        PipelineStatus without = PipelineStatus.read(in, ports, port -> Optional.of(PrometheusText.parse(
                "tributary_lakehouse_batches_total 4\ntributary_lakehouse_spark_ui_port 0\n")));
        assertThat(without.services().get(0).detail()).isEqualTo("4 batches, 0 bronze rows, 0 merged, freshness -");
    }
}
