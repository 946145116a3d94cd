package io.tributary.lakehouse.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lakehouse.lake.LakePaths;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableStatesTest {
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aTableIsParkedWhenItsLatestEntryByTimeSaysSoWhateverTheOrderOfTheLog() {
        List<TableStates.Entry> log = List.of(
                new TableStates.Entry("orders", "streaming", null, 30, T.plusSeconds(60)),
                new TableStates.Entry("orders", "parked", "IllegalStateException: old", 12, T),
                new TableStates.Entry("payments", "parked", "ArithmeticException: overflow", 41, T.plusSeconds(120)),
                new TableStates.Entry("payments", "streaming", null, 20, T.plusSeconds(30)),
                new TableStates.Entry("customers", "parked", "first", 3, T),
                new TableStates.Entry("customers", "streaming", null, 5, T.plusSeconds(5)),
                new TableStates.Entry("customers", "parked", "again", 7, T.plusSeconds(9)));
        Map<String, ParkedState> parked = TableStates.parkedNow(log);
        assertThat(parked).containsOnlyKeys("customers", "payments");
        assertThat(parked.get("payments")).isEqualTo(new ParkedState("lakehouse-job", "ArithmeticException: overflow", "41"));
        assertThat(parked.get("customers").describe()).isEqualTo("parked in lakehouse-job since batch 7: again");
        assertThat(TableStates.parkedNow(List.of())).isEmpty();
    }

    @Test
    void onATieInTimeTheLaterEntryOfTheLogWins() {
        assertThat(TableStates.parkedNow(List.of(new TableStates.Entry("t", "parked", "x", 1, T),
                new TableStates.Entry("t", "streaming", null, 1, T)))).isEmpty();
        assertThat(TableStates.parkedNow(List.of(new TableStates.Entry("t", "streaming", null, 1, T),
                new TableStates.Entry("t", "parked", "x", 2, T)))).containsOnlyKeys("t");
    }

    @Test
    void theLogLivesUnderTheLakeRootAndAMissingReasonIsSaidSo() {
        assertThat(new LakePaths("s3a://lakehouse/").tableStates()).isEqualTo("s3a://lakehouse/_table_states");
        assertThat(new ParkedState("lakehouse-job", null, null).describe()).isEqualTo("parked in lakehouse-job: no reason recorded");
    }

    @Test
    void cdcEngineTablesAreMatchedInTheSourceSchemaOnly() {
        Map<String, ParkedState> given = ParkedState.fromCdcEngine(Map.of("shop.orders", "schema_refused",
                "items", "value_not_encodable", "other.orders", "conversion_error"), "shop");
        assertThat(given).containsOnlyKeys("orders", "items");
        assertThat(given.get("orders")).isEqualTo(new ParkedState("cdc-engine", "schema_refused", ""));
        assertThat(given.get("items").stage()).isEqualTo("cdc-engine");
    }
}
