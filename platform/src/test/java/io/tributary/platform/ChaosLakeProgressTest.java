package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.contracts.prometheus.PrometheusText;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChaosLakeProgressTest {

    private static ChaosLakeProgress lake(String metrics) {
        return ChaosLakeProgress.of(PrometheusText.parse(metrics));
    }

    private static final ChaosLakeProgress BEFORE = lake("""
            tributary_lakehouse_rows_merged_total{table="orders"} 1000
            tributary_lakehouse_rows_merged_total{table="customers"} 200
            tributary_lakehouse_rows_merged_total{table="chaos_lake_1"} 50
            tributary_lakehouse_freshness_seconds{table="orders"} 12.5
            tributary_lakehouse_freshness_seconds{table="customers"} 40
            tributary_lakehouse_freshness_seconds{table="chaos_lake_1"} 90
            """);

    @Test
    void rowsMergedIntoTheShopsTablesLeaveOutTheTablesChaosCreated() {
        ChaosLakeProgress after = lake("""
                tributary_lakehouse_rows_merged_total{table="orders"} 1300
                tributary_lakehouse_rows_merged_total{table="customers"} 210
                tributary_lakehouse_rows_merged_total{table="chaos_lake_1"} 5000
                """);
        assertThat(after.mergedSince(BEFORE, ChaosLakeProgress.SHOP_TABLES)).isEqualTo(310);
        assertThat(after.mergedSince(BEFORE, "chaos_lake_1"::equals)).isEqualTo(4950);
    }

    @Test
    void aRestartedJobCountsFromItsStart() {
        ChaosLakeProgress restarted = lake("tributary_lakehouse_rows_merged_total{table=\"orders\"} 40\n");
        assertThat(restarted.mergedSince(BEFORE, ChaosLakeProgress.SHOP_TABLES)).isEqualTo(40);
        assertThat(ChaosLakeProgress.NOTHING.mergedSince(BEFORE, ChaosLakeProgress.SHOP_TABLES)).isZero();
    }

    @Test
    void freshnessIsTheStalestShopTableTheBatchTouched() {
        ChaosLakeProgress after = lake("""
                tributary_lakehouse_rows_merged_total{table="orders"} 1300
                tributary_lakehouse_rows_merged_total{table="customers"} 200
                tributary_lakehouse_rows_merged_total{table="chaos_lake_1"} 60
                tributary_lakehouse_freshness_seconds{table="orders"} 8
                tributary_lakehouse_freshness_seconds{table="customers"} 300
                tributary_lakehouse_freshness_seconds{table="chaos_lake_1"} 7
                """);
        // customers had nothing to merge (its figure only grows), chaos_lake_1 is not a shop table
        assertThat(after.freshnessOfAdvanced(BEFORE, ChaosLakeProgress.SHOP_TABLES)).hasValue(8.0);
        assertThat(BEFORE.freshnessOfAdvanced(BEFORE, ChaosLakeProgress.SHOP_TABLES)).isEmpty();
    }

    @Test
    void whatTheSummaryLineSaysOfTheLakeWhileATableWasParked() {
        ChaosLakeProgress parkedFrom = lake("tributary_lakehouse_rows_merged_total{table=\"orders\"} 2000\n");
        ChaosLakeProgress parkedTo = lake("""
                tributary_lakehouse_rows_merged_total{table="orders"} 2450
                tributary_lakehouse_freshness_seconds{table="orders"} 21.4
                """);
        ChaosLakeProgress beforeTo = lake("""
                tributary_lakehouse_rows_merged_total{table="orders"} 1100
                tributary_lakehouse_freshness_seconds{table="orders"} 17.6
                """);
        ChaosLakeProgress.DuringPark during = ChaosLakeProgress.DuringPark.of(
                Optional.of(new ChaosLakeProgress.Batch(BEFORE, beforeTo)), Optional.of(new ChaosLakeProgress.Batch(parkedFrom, parkedTo)));
        assertThat(during).isEqualTo(new ChaosLakeProgress.DuringPark(450, 17.6, 21.4));
        assertThat(during.brief()).isEqualTo(" lake-others=+450 lake-freshness=21s(before=18s)");
        ChaosLakeProgress.DuringPark none = ChaosLakeProgress.DuringPark.of(Optional.empty(), Optional.empty());
        assertThat(none.othersMerged()).isZero();
        assertThat(none.brief()).isEqualTo(" lake-others=+0 lake-freshness=?s(before=?s)");
        assertThat(ChaosLakeProgress.DuringPark.NOT_MEASURED.brief()).isEmpty();
    }
}
