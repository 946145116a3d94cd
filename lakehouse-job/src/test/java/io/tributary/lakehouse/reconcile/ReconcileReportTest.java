package io.tributary.lakehouse.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconcileReportTest {

    static TableDiff equalTable() {
        return new TableDiff("customers", 1200, 1200, 0, 0, 0, 0, List.of(), List.of(), List.of(), List.of(), 1500);
    }

    static TableDiff differentTable() {
        return new TableDiff("orders", 10, 9, 1, 0, 2, 0, List.of("7"), List.of(), List.of("3", "4"), List.of(), 40);
    }

    @Test
    void equalOnlyWhenEveryTableIsEqual() throws Exception {
        ReconcileReport ok = new ReconcileReport("0/1", true, "ok", 10, 20, List.of(equalTable()), List.of());
        ReconcileReport bad = new ReconcileReport("0/1", true, "ok", 10, 20, List.of(equalTable(), differentTable()), List.of());
        ReconcileReport lakeOnly = new ReconcileReport("0/1", true, "ok", 10, 20, List.of(equalTable()), List.of("old"));
        assertThat(ok.equal()).isTrue();
        assertThat(bad.equal()).isFalse();
        assertThat(lakeOnly.equal()).isFalse();

        JsonNode json = new ObjectMapper().readTree(bad.toJson());
        assertThat(json.get("equal").asBoolean()).isFalse();
        assertThat(json.get("tables").get(1).get("firstDiffering").toString()).isEqualTo("[\"3\",\"4\"]");
        assertThat(json.get("tables").get(0).get("bronzeRows").asLong()).isEqualTo(1500);
    }

    @Test
    void textNamesTheFirstDifferingKeysAndATimeout() {
        String text = new ReconcileReport("0/1", false, "timed out after 5 s waiting for cdc-engine", 5000, 20,
                List.of(differentTable()), List.of()).toText();
        assertThat(text).contains("THE LAKE HAD NOT CAUGHT UP: timed out after 5 s")
                .contains("missing in silver (1): keys 7")
                .contains("values differ (2): keys 3, 4")
                .contains("RESULT: the lake DIFFERS");
    }
}
