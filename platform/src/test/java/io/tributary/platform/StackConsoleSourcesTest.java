package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.console.TableCounts;
import io.tributary.contracts.prometheus.PrometheusText;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StackConsoleSourcesTest {
    private static final String LAKE = """
            tributary_lakehouse_bronze_rows_total{table="orders"} 14003
            tributary_lakehouse_bronze_rows_total{table="customers"} 1374
            tributary_lakehouse_rows_merged_total{table="orders"} 13500
            tributary_lakehouse_quarantined_total 2
            """;

    @Test
    void everyTableOfAnySourceWithItsCountsFromEach() {
        List<TableCounts> tables = StackConsoleSources.tables(Map.of("orders", 12991L, "customers", 1304L, "products", 240L),
                PrometheusText.parse(PrometheusTextTest.CDC), PrometheusText.parse(LAKE), Map.of("orders", 12990L));

        assertThat(tables).extracting(TableCounts::table).containsExactly("customers", "orders", "products");
        TableCounts orders = tables.get(1);
        assertThat(orders.postgresRows()).hasValue(12991);
        assertThat(orders.captured()).hasValue(12350);
        assertThat(orders.bronze()).hasValue(14003);
        assertThat(orders.merged()).hasValue(13500);
        assertThat(orders.silverRowsAtReconcile()).hasValue(12990);
        TableCounts products = tables.get(2);
        assertThat(products.bronze()).hasValue(0);
        assertThat(products.captured()).isEmpty();
        assertThat(products.silverRowsAtReconcile()).isEmpty();
        assertThat(tables.get(0).captured()).hasValue(4);
    }

    @Test
    void aStageThatDoesNotAnswerGivesUnknownNotZero() {
        List<TableCounts> tables = StackConsoleSources.tables(Map.of("orders", 5L), PrometheusText.EMPTY, PrometheusText.EMPTY,
                Map.of());
        assertThat(tables).singleElement().satisfies(t -> {
            assertThat(t.postgresRows()).hasValue(5);
            assertThat(t.captured()).isEmpty();
            assertThat(t.bronze()).isEqualTo(OptionalLong.empty());
            assertThat(t.merged()).isEmpty();
        });
    }

    @Test
    void theLakehouseJobsHttpServerIsItsMetricsPortOnLoopbackUnlessTurnedOff() {
        assertThat(StackConsoleSources.lakehouseJobUrl(18083)).hasValue(java.net.URI.create("http://127.0.0.1:18083"));
        assertThat(StackConsoleSources.lakehouseJobUrl(-1)).isEmpty();
        assertThat(StackConsoleSources.lakehouseJobUrl(0)).isEmpty();
    }
}
