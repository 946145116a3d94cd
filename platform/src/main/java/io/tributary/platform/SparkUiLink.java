package io.tributary.platform;

import io.tributary.contracts.metrics.MetricNames;
import io.tributary.contracts.prometheus.PrometheusText;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The address of the lakehouse job's Spark UI, from the port its /metrics report
 * ({@code tributary_lakehouse_spark_ui_port}; the local stack binds it to 127.0.0.1); empty when it has none. Pure.
 */
final class SparkUiLink {
    private SparkUiLink() {
    }

    static Optional<String> of(PrometheusText lakehouseMetrics) {
        OptionalDouble port = lakehouseMetrics.value(MetricNames.Lakehouse.SPARK_UI_PORT);
        return port.isPresent() && port.getAsDouble() > 0
                ? Optional.of("http://127.0.0.1:" + (long) port.getAsDouble() + "/") : Optional.empty();
    }
}
