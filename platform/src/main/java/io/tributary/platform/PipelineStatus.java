package io.tributary.platform;

import io.tributary.contracts.prometheus.PrometheusText;
import io.tributary.stack.ServiceStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * What {@code status} adds to the pipeline processes, from one scrape of each one's /metrics: the endpoint, the figures
 * read from it (changes written, captured, merged, lag, freshness) and the tables cdc-engine or the lakehouse job
 * report as parked.
 *
 * @param services the statuses, pipeline processes enriched
 * @param parked   parked tables, in the order of the services
 */
record PipelineStatus(List<ServiceStatus> services, List<ParkedTable> parked) {

    static PipelineStatus read(List<ServiceStatus> statuses, PipelinePorts ports, IntFunction<Optional<PrometheusText>> scrape) {
        List<ServiceStatus> result = new ArrayList<>();
        List<ParkedTable> parked = new ArrayList<>();
        for (ServiceStatus s : statuses) {
            int port = ports.portOf(s.name());
            if (port <= 0 || s.pid() == null) {
                result.add(s);
                continue;
            }
            String endpoint = "http://127.0.0.1:" + port + "/metrics";
            Optional<PrometheusText> metrics = scrape.apply(port);
            metrics.ifPresent(m -> parked.addAll(ParkedTable.of(s.name(), m)));
            String detail = metrics.map(m -> summary(s.name(), m)).orElse("process alive; /metrics does not answer (yet)");
            result.add(s.withEndpointAndDetail(endpoint, detail));
        }
        return new PipelineStatus(List.copyOf(result), List.copyOf(parked));
    }

    static List<ServiceStatus> enrich(List<ServiceStatus> statuses, PipelinePorts ports, IntFunction<Optional<PrometheusText>> scrape) {
        return read(statuses, ports, scrape).services();
    }

    static String summary(String name, PrometheusText m) {
        return switch (name) {
            case Pipeline.SIMULATOR -> String.format(Locale.ROOT, "%,.0f changes written, %,.0f transactions",
                    m.sum("tributary_simulator_changes_total"), m.sum("tributary_simulator_transactions_total"));
            case Pipeline.CDC_ENGINE -> String.format(Locale.ROOT, "%,.0f changes captured, lag %s, retained WAL %s",
                    m.sum("tributary_cdc_events_total"), m.value("tributary_cdc_lag_seconds").stream()
                            .mapToObj(v -> v < 0 ? "-" : String.format(Locale.ROOT, "%.1f s", v)).findFirst().orElse("-"),
                    m.value("tributary_cdc_retained_wal_bytes").stream().mapToObj(v -> ByteSize.human((long) v)).findFirst().orElse("-"));
            case Pipeline.LAKEHOUSE_JOB -> String.format(Locale.ROOT, "%,.0f batches, %,.0f bronze rows, %,.0f merged, freshness %s",
                    m.sum("tributary_lakehouse_batches_total"), m.sum("tributary_lakehouse_bronze_rows_total"),
                    m.sum("tributary_lakehouse_rows_merged_total"), m.max("tributary_lakehouse_freshness_seconds").stream()
                            .mapToObj(v -> String.format(Locale.ROOT, "%.1f s", v)).findFirst().orElse("-"));
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
