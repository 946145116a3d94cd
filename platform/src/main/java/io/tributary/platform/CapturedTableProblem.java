package io.tributary.platform;

import io.tributary.contracts.metrics.MetricLabels;
import io.tributary.contracts.metrics.MetricNames;
import io.tributary.contracts.prometheus.PrometheusText;
import io.tributary.contracts.tables.TableProblem;
import io.tributary.stack.PostgresEndpoint;
import java.util.ArrayList;
import java.util.List;

/**
 * A captured table cdc-engine reports a problem of ({@code tributary_cdc_table_problem{table="shop.t",
 * problem="not_readable"} 1}): the CDC role cannot read it, REPLICA IDENTITY NOTHING, or no primary key. Pure.
 *
 * @param table   {@code schema.table}
 * @param problem what is wrong
 */
record CapturedTableProblem(String table, TableProblem problem) {

    /** The problems cdc-engine's scrape reports, in the order scraped; unknown labels are left out. */
    static List<CapturedTableProblem> of(PrometheusText cdcMetrics) {
        List<CapturedTableProblem> result = new ArrayList<>();
        cdcMetrics.named(MetricNames.Cdc.TABLE_PROBLEM).filter(s -> s.value() > 0).forEach(s -> {
            String table = s.label(MetricLabels.TABLE);
            TableProblem.fromLabel(s.label(MetricLabels.PROBLEM)).ifPresent(p -> {
                if (table != null && !table.isBlank()) {
                    result.add(new CapturedTableProblem(table, p));
                }
            });
        });
        return result;
    }

    /** What is wrong and the statement that fixes it (the CDC role of the local stack). */
    String message() {
        return problem.message(table, PostgresEndpoint.CDC_USER);
    }

    String fix() {
        return problem.fix(table, PostgresEndpoint.CDC_USER);
    }

    /** The line {@code status} prints. */
    String statusLine() {
        return "table problem: " + message();
    }
}
