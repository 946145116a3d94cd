package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.contracts.prometheus.PrometheusText;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    static final String CDC = """
            # HELP tributary_cdc_events_total Changes written to Kafka
            # TYPE tributary_cdc_events_total counter
            tributary_cdc_events_total{table="shop.orders",op="r"} 12000
            tributary_cdc_events_total{table="shop.orders",op="u"} 350
            tributary_cdc_events_total{table="shop.customers",op="c"} 4
            tributary_cdc_lag_seconds 0.25
            tributary_cdc_retained_wal_bytes 1048576
            weird_metric{label="a \\"quoted\\", comma"} 1.5e3
            """;

    @Test
    void sumsCountersAcrossLabelsAndReadsGauges() {
        PrometheusText m = PrometheusText.parse(CDC);
        assertThat(m.sum("tributary_cdc_events_total")).isEqualTo(12354);
        assertThat(m.value("tributary_cdc_lag_seconds")).hasValue(0.25);
        assertThat(m.value("absent")).isEmpty();
        assertThat(m.sum("absent")).isZero();
        assertThat(m.sumBy("tributary_cdc_events_total", "table"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("shop.orders", 12350.0, "shop.customers", 4.0));
        assertThat(m.samples()).anySatisfy(s -> {
            assertThat(s.labels()).containsEntry("label", "a \"quoted\", comma");
            assertThat(s.value()).isEqualTo(1500);
        });
    }

    @Test
    void capturedChangesPerTableDropTheSchema() {
        assertThat(PipelineFigures.capturedByTable(PrometheusText.parse(CDC)))
                .containsExactly(Map.entry("customers", 4L), Map.entry("orders", 12350L));
    }

    @Test
    void statusLineShowsTotalsRatesLagAndFreshness() {
        PrometheusText sim = PrometheusText.parse("tributary_simulator_changes_total{kind=\"order\"} 700\n"
                + "tributary_simulator_changes_total{kind=\"advance\"} 300\n");
        PrometheusText lake = PrometheusText.parse("tributary_lakehouse_bronze_rows_total{table=\"orders\"} 900\n"
                + "tributary_lakehouse_rows_merged_total{table=\"orders\"} 800\n"
                + "tributary_lakehouse_freshness_seconds{table=\"orders\"} 4.2\n"
                + "tributary_lakehouse_freshness_seconds{table=\"products\"} 9.5\n");
        PipelineFigures before = new PipelineFigures(500, 11854, 0, 0, OptionalDouble.empty(),
                OptionalDouble.empty(), List.of());
        PipelineFigures now = PipelineFigures.of(sim, PrometheusText.parse(CDC), lake, before);
        assertThat(now.line(42, before, 5.0)).isEqualTo("[  42s] written     1,000 (  100/s) | captured    12,354 (  100/s)"
                + " | bronze       900 | merged       800 (  160/s) | cdc lag 0.3 s | freshness 9.5 s");
        // a service that did not answer keeps its last figures
        PipelineFigures silent = PipelineFigures.of(PrometheusText.EMPTY, PrometheusText.EMPTY, PrometheusText.EMPTY, now);
        assertThat(silent).isEqualTo(now);
    }

    @Test
    void statusLineFreshnessIsTheMeasuredP99OfTheLastMinuteWhenTheLakeHasOne() {
        PrometheusText lake = PrometheusText.parse("tributary_lakehouse_freshness_seconds{table=\"orders\"} 40.0\n"
                + "tributary_lakehouse_change_freshness_recent_seconds{quantile=\"0.5\"} 1.2\n"
                + "tributary_lakehouse_change_freshness_recent_seconds{quantile=\"0.99\"} 3.75\n");
        assertThat(PipelineFigures.freshness(lake)).hasValue(3.75);
        PrometheusText idle = PrometheusText.parse("tributary_lakehouse_freshness_seconds{table=\"orders\"} 40.0\n");
        assertThat(PipelineFigures.freshness(idle)).as("nothing applied in the last minute").hasValue(40.0);
    }

    @Test
    void statusLineEndsWithTheParkedTablesAndKeepsThemWhileAStageDoesNotAnswer() {
        PipelineFigures now = PipelineFigures.of(PrometheusText.EMPTY, PrometheusText.parse(ParkedTableTest.CDC),
                PrometheusText.parse(ParkedTableTest.LAKE), PipelineFigures.NONE);
        assertThat(now.line(7, PipelineFigures.NONE, 5.0)).endsWith("| freshness -"
                + " | PARKED orders (cdc-engine: schema_refused), stock (cdc-engine: value_not_encodable),"
                + " payments (lakehouse-job, batch 12)");
        PipelineFigures lakeSilent = PipelineFigures.of(PrometheusText.EMPTY,
                PrometheusText.parse("tributary_cdc_events_total{table=\"shop.orders\",op=\"u\"} 351\n"), PrometheusText.EMPTY, now);
        assertThat(lakeSilent.parked()).as("cdc-engine answered without parked tables; the lake's last answer stays")
                .extracting(ParkedTable::table).containsExactly("payments");
        assertThat(PipelineFigures.of(PrometheusText.EMPTY, PrometheusText.parse(CDC), PrometheusText.EMPTY, PipelineFigures.NONE)
                .line(7, PipelineFigures.NONE, 5.0)).doesNotContain("PARKED");
    }
}
