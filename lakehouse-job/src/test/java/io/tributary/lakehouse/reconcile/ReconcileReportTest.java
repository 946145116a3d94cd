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

    static TableDiff parkedTable() {
        return differentTable().withParked(new ParkedState("lakehouse-job", "IllegalStateException: cannot cast", "12"));
    }

    @Test
    void aParkedTableMakesTheLakeIncompleteNotDifferent() throws Exception {
        ReconcileReport report = new ReconcileReport("0/1", true, "ok", 10, 20, List.of(equalTable(), parkedTable()), List.of());
        assertThat(report.outcome()).isEqualTo(ReconcileReport.Outcome.PARKED);
        assertThat(report.outcome().exitCode()).isEqualTo(4);
        assertThat(report.equal()).as("silver still lacks the parked table's changes").isFalse();

        String text = report.toText();
        assertThat(text).containsPattern("orders +10 +9 +1 +0 +2 +0 +40  PARKED\n")
                .contains("  parked in lakehouse-job since batch 12: IllegalStateException: cannot cast; silver lacks its"
                        + " changes since then (held back, not lost): ./tributary resume orders once the cause is fixed\n")
                .contains("RESULT: the lake is NOT COMPLETE: 1 table parked (orders), every other table equals PostgreSQL")
                .doesNotContain("DIFFERENT").doesNotContain("DIFFERS");

        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertThat(json.get("outcome").asText()).isEqualTo("parked");
        assertThat(json.get("tables").get(0).get("parked").isNull()).isTrue();
        JsonNode parked = json.get("tables").get(1).get("parked");
        assertThat(parked.get("stage").asText()).isEqualTo("lakehouse-job");
        assertThat(parked.get("reason").asText()).isEqualTo("IllegalStateException: cannot cast");
        assertThat(parked.get("since").asText()).isEqualTo("12");
    }

    @Test
    void aDifferenceInATableThatIsNotParkedStillMeansDifferent() {
        TableDiff otherDiffers = new TableDiff("products", 5, 4, 1, 0, 0, 0, List.of("9"), List.of(), List.of(), List.of(), 4);
        ReconcileReport report = new ReconcileReport("0/1", true, "ok", 10, 20, List.of(parkedTable(), otherDiffers), List.of());
        assertThat(report.outcome()).isEqualTo(ReconcileReport.Outcome.DIFFERENT);
        assertThat(report.outcome().exitCode()).isEqualTo(3);
        assertThat(report.toText()).contains("RESULT: the lake DIFFERS from PostgreSQL (besides the parked orders)");

        ReconcileReport lakeOnly = new ReconcileReport("0/1", true, "ok", 10, 20, List.of(parkedTable()), List.of("old"));
        assertThat(lakeOnly.outcome()).isEqualTo(ReconcileReport.Outcome.DIFFERENT);

        TableDiff parkedButEqual = equalTable().withParked(new ParkedState("cdc-engine", "schema_refused", ""));
        ReconcileReport quiet = new ReconcileReport("0/1", true, "ok", 10, 20, List.of(parkedButEqual), List.of());
        assertThat(quiet.equal()).isTrue();
        assertThat(quiet.outcome()).as("equal for now, but its next change will not arrive").isEqualTo(ReconcileReport.Outcome.PARKED);
        assertThat(quiet.toText()).contains("  parked in cdc-engine: schema_refused;")
                .contains("RESULT: the lake is NOT COMPLETE: 1 table parked (customers)");
        assertThat(new ReconcileReport("0/1", true, "ok", 1, 2, List.of(equalTable()), List.of()).outcome().exitCode()).isZero();
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

    @Test
    void aTableTheCdcRoleCannotReadIsNotComparedAndTheReportSaysWhichGrantToRun() {
        String problem = io.tributary.contracts.tables.TableProblem.NOT_READABLE.message("shop.audit", "tributary_cdc");
        ReconcileReport report = new ReconcileReport("0/1", true, "ok", 10, 20,
                List.of(equalTable(), TableDiff.notCompared("audit", problem)), List.of());
        assertThat(report.outcome()).isEqualTo(ReconcileReport.Outcome.DIFFERENT);
        assertThat(report.equal()).isFalse();
        assertThat(report.toText()).containsPattern("audit +0 +0 +0 +0 +0 +0 +-  NOT COMPARED")
                .contains("  Table shop.audit: the CDC role tributary_cdc cannot read shop.audit")
                .contains("GRANT SELECT ON shop.audit TO tributary_cdc;");
        io.tributary.contracts.reconcile.ReconcileResult.TableResult audit = report.toResult().tables().get(1);
        assertThat(audit.problem()).isEqualTo(problem);
        assertThat(audit.equal()).isFalse();
        assertThat(report.toResult().tables().get(0).problem()).isEmpty();
    }

    @Test
    void aHistoryThatDiffersFromSilverMakesTheLakeDifferentAndNamesItsKeys() throws Exception {
        var same = new io.tributary.lakehouse.history.HistoryAgainstSilver.Comparison("customers", 1200, 1200, 0, 0, 3,
                List.of());
        var other = new io.tributary.lakehouse.history.HistoryAgainstSilver.Comparison("orders", 10, 10, 1, 1, 0,
                List.of("42"));
        ReconcileReport equal = new ReconcileReport("0/1", true, "ok", 10, 20, List.of(equalTable()), List.of(),
                List.of(same));
        ReconcileReport differs = new ReconcileReport("0/1", true, "ok", 10, 20, List.of(equalTable()), List.of(),
                List.of(same, other));

        assertThat(equal.outcome()).isEqualTo(ReconcileReport.Outcome.EQUAL);
        assertThat(equal.toText()).contains("customers              1200       1200        0        0         3  equal");
        assertThat(differs.outcome()).isEqualTo(ReconcileReport.Outcome.DIFFERENT);
        assertThat(differs.equal()).isFalse();
        assertThat(differs.toText()).contains("orders                   10         10        1        1         0  DIFFERS")
                .contains("keys of differing rows: 42").contains("RESULT: the lake DIFFERS");
        JsonNode json = new ObjectMapper().readTree(differs.toJson());
        assertThat(json.get("history").get(1).get("onlyInSilver").asLong()).isEqualTo(1);
        assertThat(json.get("history").get(1).get("firstKeys").toString()).isEqualTo("[\"42\"]");
    }
}
