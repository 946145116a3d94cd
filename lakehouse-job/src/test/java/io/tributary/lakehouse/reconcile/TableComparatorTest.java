package io.tributary.lakehouse.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TableComparatorTest {

    @Test
    void equalTablesAreEqual() {
        Map<String, String> rows = Map.of("1", "h1", "2", "h2");
        TableDiff d = new TableComparator(5).compare("t", rows, new HashMap<>(rows), Set.of(), List.of());
        assertThat(d.equal()).isTrue();
        assertThat(d.sourceRows()).isEqualTo(2);
        assertThat(d.lakeRows()).isEqualTo(2);
    }

    @Test
    void missingExtraAndDifferingKeysAreCountedAndSampledInKeyOrder() {
        Map<String, String> source = new HashMap<>();
        Map<String, String> lake = new HashMap<>();
        for (int i = 1; i <= 20; i++) {
            source.put(Integer.toString(i), "h" + i);
            lake.put(Integer.toString(i), "h" + i);
        }
        source.put("21", "x");               // missing in the lake
        source.put("100", "y");
        lake.put("99", "z");                 // extra in the lake
        lake.put("10", "changed");           // differs
        lake.put("9", "changed");
        TableDiff d = new TableComparator(1).compare("orders", source, lake, Set.of(), List.of());
        assertThat(d.equal()).isFalse();
        assertThat(d.missing()).isEqualTo(2);
        assertThat(d.firstMissing()).containsExactly("21");
        assertThat(d.extra()).isEqualTo(1);
        assertThat(d.firstExtra()).containsExactly("99");
        assertThat(d.differing()).isEqualTo(2);
        assertThat(d.firstDiffering()).containsExactly("9");
        assertThat(d.sourceRows()).isEqualTo(22);
        assertThat(d.lakeRows()).isEqualTo(21);
    }

    @Test
    void keysChangedAfterTheSnapshotAreLeftOutOnBothSides() {
        Map<String, String> source = Map.of("1", "a", "2", "b");
        Map<String, String> lake = Map.of("1", "a", "3", "c");
        TableDiff d = new TableComparator(5).compare("t", source, lake, Set.of("2", "3"), List.of());
        assertThat(d.equal()).isTrue();
        assertThat(d.inFlight()).isEqualTo(2);
        assertThat(d.sourceRows()).isEqualTo(1);
    }

    @Test
    void aColumnMissingInSilverMakesTheTableDifferent() {
        TableDiff d = new TableComparator(5).compare("t", Map.of(), Map.of(), Set.of(), List.of("email"));
        assertThat(d.equal()).isFalse();
    }
}
