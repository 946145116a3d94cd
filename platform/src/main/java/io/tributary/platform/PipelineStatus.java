package io.tributary.platform;

import io.tributary.contracts.metrics.MetricNames;
import io.tributary.contracts.prometheus.PrometheusText;
import io.tributary.contracts.wal.Lsn;
import io.tributary.stack.ServiceStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.IntFunction;

/**
 * What {@code status} adds to the pipeline processes, from one scrape of each one's /metrics: the endpoint, the figures
 * read from it (changes written, captured, merged, lag, freshness) and the tables cdc-engine or the lakehouse job
 * report as parked, and the captured tables cdc-engine reports a problem of.
 *
 * @param services the statuses, pipeline processes enriched
 * @param parked   parked tables, in the order of the services
 * @param problems captured tables that cannot reach the lake intact (cdc-engine's catalog check), with the fix
 */
record PipelineStatus(List<ServiceStatus> services, List<ParkedTable> parked, List<CapturedTableProblem> problems) {

    static PipelineStatus read(List<ServiceStatus> statuses, PipelinePorts ports, IntFunction<Optional<PrometheusText>> scrape) {
        return read(statuses, ports, scrape, System.currentTimeMillis() / 1e3);
    }

    static PipelineStatus read(List<ServiceStatus> statuses, PipelinePorts ports, IntFunction<Optional<PrometheusText>> scrape,
            double nowEpochSeconds) {
        Map<String, Optional<PrometheusText>> scraped = new HashMap<>();
        for (ServiceStatus s : statuses) {
            int port = ports.portOf(s.name());
            if (port > 0 && s.pid() != null) {
                scraped.put(s.name(), scrape.apply(port));
            }
        }
        PrometheusText cdc = scraped.getOrDefault(Pipeline.CDC_ENGINE, Optional.empty()).orElse(PrometheusText.EMPTY);
        List<ServiceStatus> result = new ArrayList<>();
        List<ParkedTable> parked = new ArrayList<>();
        for (ServiceStatus s : statuses) {
            if (!scraped.containsKey(s.name())) {
                result.add(s);
                continue;
            }
            String endpoint = "http://127.0.0.1:" + ports.portOf(s.name()) + "/metrics";
            Optional<PrometheusText> metrics = scraped.get(s.name());
            metrics.ifPresent(m -> parked.addAll(ParkedTable.of(s.name(), m)));
            String detail = metrics.map(m -> detail(s.name(), m, cdc, nowEpochSeconds))
                    .orElse("process alive; /metrics does not answer (yet)");
            result.add(s.withEndpointAndDetail(endpoint, detail));
        }
        return new PipelineStatus(List.copyOf(result), List.copyOf(parked), CapturedTableProblem.of(cdc));
    }

    static List<ServiceStatus> enrich(List<ServiceStatus> statuses, PipelinePorts ports, IntFunction<Optional<PrometheusText>> scrape) {
        return read(statuses, ports, scrape).services();
    }

    /**
     * What {@code status} says of a pipeline process: its {@link #summary}, with the WAL position cdc-engine has
     * acknowledged (as PostgreSQL prints it), "caught up" for the freshness of an idle lake that has applied
     * everything cdc-engine captured ({@code cdc}: cdc-engine's metrics, empty when it did not answer) and the lake
     * job's Spark UI.
     */
    static String detail(String name, PrometheusText m, PrometheusText cdc, double nowEpochSeconds) {
        if (name.equals(Pipeline.LAKEHOUSE_JOB)) {
            String ui = SparkUiLink.of(m).map(url -> ", Spark UI " + url).orElse("");
            return (LakeFreshness.caughtUp(m, cdc, nowEpochSeconds) ? summary(name, m, LakeFreshness.CAUGHT_UP) : summary(name, m)) + ui;
        }
        OptionalDouble lsn = name.equals(Pipeline.CDC_ENGINE) ? m.value(MetricNames.Cdc.LAST_LSN) : OptionalDouble.empty();
        return summary(name, m) + (lsn.isPresent() && lsn.getAsDouble() >= 0
                ? ", acknowledged up to LSN " + Lsn.format((long) lsn.getAsDouble()) : "");
    }

    static String summary(String name, PrometheusText m) {
        return summary(name, m, m.max(MetricNames.Lakehouse.FRESHNESS_SECONDS).stream()
                .mapToObj(v -> String.format(Locale.ROOT, "%.1f s", v)).findFirst().orElse("-"));
    }

    private static String summary(String name, PrometheusText m, String freshness) {
        return switch (name) {
            case Pipeline.SIMULATOR -> String.format(Locale.ROOT, "%,.0f changes written, %,.0f transactions",
                    m.sum(MetricNames.Simulator.CHANGES_TOTAL), m.sum(MetricNames.Simulator.TRANSACTIONS_TOTAL));
            case Pipeline.CDC_ENGINE -> String.format(Locale.ROOT, "%,.0f changes captured, lag %s, retained WAL %s",
                    m.sum(MetricNames.Cdc.EVENTS_TOTAL), m.value(MetricNames.Cdc.LAG_SECONDS).stream()
                            .mapToObj(v -> v < 0 ? "-" : String.format(Locale.ROOT, "%.1f s", v)).findFirst().orElse("-"),
                    m.value(MetricNames.Cdc.RETAINED_WAL_BYTES).stream().mapToObj(v -> ByteSize.human((long) v)).findFirst().orElse("-"));
            case Pipeline.LAKEHOUSE_JOB -> String.format(Locale.ROOT, "%,.0f batches, %,.0f bronze rows, %,.0f merged, freshness %s",
                    m.sum(MetricNames.Lakehouse.BATCHES_TOTAL), m.sum(MetricNames.Lakehouse.BRONZE_ROWS_TOTAL),
                    m.sum(MetricNames.Lakehouse.ROWS_MERGED_TOTAL), freshness);
            default -> "";
        };
    }

    /** The exit code of {@code status}: 0 all healthy and nothing parked, 3 a service not healthy, 4 tables parked. */
    int exitCode() {
        if (!services.stream().allMatch(ServiceStatus::ok)) {
            return StatusCommand.NOT_ALL_HEALTHY;
        }
        return parked.isEmpty() ? 0 : StatusCommand.TABLES_PARKED;
    }
}
