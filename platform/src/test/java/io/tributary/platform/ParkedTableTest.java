package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.contracts.prometheus.PrometheusText;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParkedTableTest {
    static final String CDC = """
            # HELP tributary_cdc_table_parked 1 while the table is parked
            # TYPE tributary_cdc_table_parked gauge
            tributary_cdc_table_parked{table="shop.orders",reason="schema_refused"} 1
            tributary_cdc_table_parked{table="inventory.stock",reason="value_not_encodable"} 1
            tributary_cdc_table_parked{table="shop.gone",reason="conversion_error"} 0
            tributary_cdc_events_total{table="shop.orders",op="u"} 350
            """;
    static final String LAKE = """
            tributary_lakehouse_table_parked{table="payments",reason="IllegalStateException: column \\"amount\\" cannot\\nbe cast",since_batch="12"} 1
            tributary_lakehouse_batches_total 40
            """;

    @Test
    void readsBothGaugesAndOnlyTablesThatAreParked() {
        List<ParkedTable> cdc = ParkedTable.of(Pipeline.CDC_ENGINE, PrometheusText.parse(CDC));
        List<ParkedTable> lake = ParkedTable.of(Pipeline.LAKEHOUSE_JOB, PrometheusText.parse(LAKE));
        assertThat(cdc).containsExactly(new ParkedTable("cdc-engine", "shop.orders", "schema_refused", ""),
                new ParkedTable("cdc-engine", "inventory.stock", "value_not_encodable", ""));
        assertThat(lake).containsExactly(new ParkedTable("lakehouse-job", "payments",
                "IllegalStateException: column \"amount\" cannot\nbe cast", "12"));
        assertThat(ParkedTable.of(Pipeline.LAKEHOUSE_JOB, PrometheusText.parse(CDC))).as("each stage its own gauge").isEmpty();
        assertThat(ParkedTable.of(Pipeline.SIMULATOR, PrometheusText.parse(CDC))).isEmpty();
    }

    @Test
    void statusLineNamesTableStageReasonAndTheCommandsThatResumeIt() {
        List<ParkedTable> cdc = ParkedTable.of(Pipeline.CDC_ENGINE, PrometheusText.parse(CDC));
        ParkedTable lake = ParkedTable.of(Pipeline.LAKEHOUSE_JOB, PrometheusText.parse(LAKE)).get(0);
        assertThat(cdc.get(0).statusLine()).isEqualTo("parked: shop.orders (cdc-engine): schema_refused"
                + " -> ./tributary schema accept orders; ./tributary resume orders");
        assertThat(cdc.get(1).statusLine()).as("a schema other than shop stays in the commands")
                .isEqualTo("parked: inventory.stock (cdc-engine): value_not_encodable -> change the column's type so that"
                        + " its values encode, then ./tributary resume inventory.stock");
        assertThat(lake.statusLine()).isEqualTo("parked: payments (lakehouse-job, since batch 12): IllegalStateException:"
                + " column \"amount\" cannot be cast -> fix the cause, then ./tributary resume payments");
        assertThat(new ParkedTable("cdc-engine", "shop.t", "conversion_error", "").fix())
                .isEqualTo("fix the cause (cdc-engine's log, GET /tables/parked), then ./tributary resume t");
        assertThat(new ParkedTable("lakehouse-job", "t", "x".repeat(500), "3").statusLine())
                .as("a long reason is cut at 200 characters").isEqualTo("parked: t (lakehouse-job, since batch 3): "
                        + "x".repeat(200) + "... -> fix the cause, then ./tributary resume t");
    }

    @Test
    void demoLineNamesTheTableShortWithItsStage() {
        assertThat(new ParkedTable("cdc-engine", "shop.orders", "schema_refused", "").brief())
                .isEqualTo("orders (cdc-engine: schema_refused)");
        assertThat(new ParkedTable("lakehouse-job", "payments", "IllegalStateException: long", "12").brief())
                .isEqualTo("payments (lakehouse-job, batch 12)");
    }
}
