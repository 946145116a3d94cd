package io.tributary.lakehouse.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class TableBatchStatsTest {

    @Test
    void slotsAreSummedAndPoisonIsCountedApart() {
        // slot, changes, poison, max ts, truncate LSN, truncate ts, unavailable
        List<Row> slots = List.of(
                RowFactory.create(100_000L, 5L, 0L, 1_000_009L, null, null, null),
                RowFactory.create(100_002L, 3L, 0L, 1_000_021L, 77L, 1_000_020L, true),
                RowFactory.create(100_003L, 1L, 0L, 1_000_031L, 70L, 1_000_030L, null),
                RowFactory.create(null, 0L, 4L, null, null, null, null));

        TableBatchStats s = TableBatchStats.of(slots);

        assertThat(s.changes()).isEqualTo(9);
        assertThat(s.poison()).isEqualTo(4);
        assertThat(s.maxSourceTsMs()).hasValue(1_000_031L);
        assertThat(s.truncateLsn()).as("the latest truncate").hasValue(77L);
        assertThat(s.truncateTsMs()).isEqualTo(1_000_020L);
        assertThat(s.anyUnavailable()).isTrue();
        assertThat(s.sourceTsCounts()).containsExactly(Map.entry(1_000_005L, 5L), Map.entry(1_000_025L, 3L),
                Map.entry(1_000_035L, 1L));
    }

    @Test
    void aBatchOfPoisonOnlyHasNoChanges() {
        TableBatchStats s = TableBatchStats.of(List.of(RowFactory.create(null, 0L, 2L, null, null, null, null)));

        assertThat(s.changes()).isZero();
        assertThat(s.maxSourceTsMs()).isEmpty();
        assertThat(s.truncateLsn()).isEmpty();
        assertThat(s.anyUnavailable()).isFalse();
        assertThat(s.sourceTsCounts()).isEmpty();
    }
}
