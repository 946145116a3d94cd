package io.tributary.platform;

import io.tributary.contracts.metrics.MetricLabels;
import io.tributary.contracts.metrics.MetricNames;
import io.tributary.contracts.prometheus.PrometheusText;
import java.util.ArrayList;
import java.util.List;

/**
 * A table a stage has parked (its changes are held back, every other table flows), as read from the stage's /metrics:
 * cdc-engine's {@code tributary_cdc_table_parked{table="shop.t",reason="schema_refused"} 1} and the lakehouse job's
 * {@code tributary_lakehouse_table_parked{table="t",reason="...",since_batch="12"} 1}. Pure.
 *
 * @param stage  {@link Pipeline#CDC_ENGINE} or {@link Pipeline#LAKEHOUSE_JOB}
 * @param table  as the stage names it: {@code shop.t} (cdc-engine), {@code t} (lakehouse-job)
 * @param reason cdc-engine's class ({@code schema_refused}, {@code value_not_encodable}, {@code conversion_error}) or
 *               the lake's failure (exception and message)
 * @param since  the lake's first parked micro-batch, empty for cdc-engine
 */
record ParkedTable(String stage, String table, String reason, String since) {
    static final String CDC_GAUGE = MetricNames.Cdc.TABLE_PARKED;
    static final String LAKE_GAUGE = MetricNames.Lakehouse.TABLE_PARKED;
    static final String DEFAULT_SCHEMA = "shop";
    private static final int MAX_REASON = 200;

    /** The tables {@code stage}'s scrape reports as parked (gauge value 1), in the order scraped. */
    static List<ParkedTable> of(String stage, PrometheusText metrics) {
        String gauge = switch (stage) {
            case Pipeline.CDC_ENGINE -> CDC_GAUGE;
            case Pipeline.LAKEHOUSE_JOB -> LAKE_GAUGE;
            default -> null;
        };
        List<ParkedTable> result = new ArrayList<>();
        if (gauge == null) {
            return result;
        }
        for (PrometheusText.Sample s : metrics.samples()) {
            String table = s.labels().get(MetricLabels.TABLE);
            if (s.name().equals(gauge) && s.value() > 0 && table != null && !table.isBlank()) {
                result.add(new ParkedTable(stage, table, s.labels().getOrDefault(MetricLabels.REASON, "unknown"),
                        s.labels().getOrDefault(MetricLabels.SINCE_BATCH, "")));
            }
        }
        return result;
    }

    /**
     * The reconcile arguments that name cdc-engine's parked tables ({@code --cdc-parked shop.t=schema_refused}): reconcile
     * reads the lake's own parked tables from the lake, but cannot see cdc-engine's.
     */
    static List<String> reconcileArguments(List<ParkedTable> parked) {
        List<String> args = new ArrayList<>();
        parked.stream().filter(p -> p.stage().equals(Pipeline.CDC_ENGINE))
                .forEach(p -> args.addAll(List.of("--cdc-parked", p.table() + "=" + p.reason())));
        return args;
    }

    /** The table without its schema ({@code shop.orders} -> {@code orders}). */
    String shortName() {
        return table.substring(table.lastIndexOf('.') + 1);
    }

    /** How the CLI commands name it: without the schema when it is {@code shop} (their default). */
    String commandName() {
        return table.startsWith(DEFAULT_SCHEMA + ".") ? shortName() : table;
    }

    /** What the operator does about it. */
    String fix() {
        String resume = "./tributary resume " + commandName();
        if (!stage.equals(Pipeline.CDC_ENGINE)) {
            return "fix the cause, then " + resume;
        }
        return switch (reason) {
            case "schema_refused" -> "./tributary schema accept " + commandName() + "; " + resume;
            case "value_not_encodable" -> "change the column's type so that its values encode, then " + resume;
            default -> "fix the cause (cdc-engine's log, GET /tables/parked), then " + resume;
        };
    }

    /** One line of {@code tributary status}, e.g. {@code parked: shop.t (cdc-engine): schema_refused -> ...}. */
    String statusLine() {
        String r = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "..." : reason;
        return "parked: " + table + " (" + stage + (since.isEmpty() ? "" : ", since batch " + since) + "): "
                + r.replace('\n', ' ') + " -> " + fix();
    }

    /** How the demo's live line names it, e.g. {@code t (cdc-engine: schema_refused)}, {@code t (lakehouse-job, batch 12)}. */
    String brief() {
        return shortName() + " (" + stage + (stage.equals(Pipeline.CDC_ENGINE) ? ": " + reason
                : since.isEmpty() ? "" : ", batch " + since) + ")";
    }
}
