package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String TEXT = """
            # HELP tributary_cdc_events_total Changes acknowledged.
            # TYPE tributary_cdc_events_total counter
            tributary_cdc_events_total{table="shop.orders",op="c"} 120
            tributary_cdc_events_total{table="shop.orders",op="u"} 30
            tributary_cdc_events_total_extra 999
            tributary_lakehouse_batch_duration_seconds_sum 12.5
            tributary_lakehouse_freshness_seconds{table="orders"} 1.5
            tributary_lakehouse_freshness_seconds{table="customers"} 4.25
            """;

    @Test
    void sumsEveryLabelSetOfExactlyTheNamedMetric() {
        assertThat(PrometheusText.sum(TEXT, "tributary_cdc_events_total")).isEqualTo(150.0);
        assertThat(PrometheusText.sum(TEXT, "tributary_lakehouse_batch_duration_seconds_sum")).isEqualTo(12.5);
    }

    @Test
    void absentMetricSumsToZeroAndHasNoMax() {
        assertThat(PrometheusText.sum(TEXT, "tributary_nothing")).isZero();
        assertThat(PrometheusText.max(TEXT, "tributary_nothing")).isNaN();
    }

    @Test
    void extremesOverLabelSets() {
        assertThat(PrometheusText.max(TEXT, "tributary_lakehouse_freshness_seconds")).isEqualTo(4.25);
        assertThat(PrometheusText.min(TEXT, "tributary_lakehouse_freshness_seconds")).isEqualTo(1.5);
    }

    @Test
    void filtersByTableLabel() {
        assertThat(PrometheusText.sum(TEXT, "tributary_lakehouse_freshness_seconds", java.util.Set.of("orders")))
                .isEqualTo(1.5);
        assertThat(PrometheusText.min(TEXT, "tributary_lakehouse_freshness_seconds", java.util.Set.of("customers")))
                .isEqualTo(4.25);
        assertThat(PrometheusText.sum(TEXT, "tributary_cdc_events_total", java.util.Set.of("orders"))).isZero();
        assertThat(PrometheusText.min(TEXT, "tributary_lakehouse_freshness_seconds", java.util.Set.of("items"))).isNaN();
        assertThat(PrometheusText.sum(TEXT, "tributary_cdc_events_total", java.util.Set.of("shop.orders")))
                .isEqualTo(150.0);
    }
}
