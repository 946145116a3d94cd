package io.tributary.contracts.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.contracts.reconcile.ReconcileResult.HistoryResult;
import io.tributary.contracts.reconcile.ReconcileResult.ParkedBy;
import io.tributary.contracts.reconcile.ReconcileResult.TableResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconcileJsonTest {

    static ReconcileResult sample() {
        TableResult equal = new TableResult("customers", true, 1200, 1200, 0, 0, 0, 3, 1500, List.of(), List.of(),
                List.of(), List.of(), null);
        TableResult parked = new TableResult("orders", false, 10, 8, 2, 1, 1, 0, -1, List.of("9", "10"), List.of("11"),
                List.of("key \"quoted\", with comma\nand newline \\ \u0001"), List.of("discount"),
                new ParkedBy("lakehouse-job", "IllegalStateException: cannot cast \"x\"", "12"));
        return new ReconcileResult(false, ReconcileOutcome.DIFFERENT, "0/1E9F988", false, "partition 0 at 41 of 42", 1500,
                2500, List.of(equal, parked), List.of("old_table", "ünïcode"), List.of(
                        new HistoryResult("customers", true, 1200, 1200, 0, 0, 4, List.of()),
                        new HistoryResult("orders", false, 9, 8, 2, 1, 0, List.of("7", "a,\"b\""))));
    }

    @Test
    void everyFieldSurvivesARoundTrip() {
        ReconcileResult r = sample();
        String json = ReconcileJson.write(r);
        assertThat(json).doesNotContain("\n").startsWith("{\"equal\":false,\"outcome\":\"different\",");
        assertThat(ReconcileJson.read(json)).isEqualTo(r);
        for (ReconcileOutcome o : ReconcileOutcome.values()) {
            ReconcileResult withOutcome = new ReconcileResult(true, o, "", true, "", 0, 0, List.of(), List.of());
            assertThat(ReconcileJson.read(ReconcileJson.write(withOutcome))).isEqualTo(withOutcome);
        }
    }

    @Test
    void aTableThatCouldNotBeComparedKeepsItsProblem() {
        TableResult unreadable = new TableResult("audit", false, 0, 0, 0, 0, 0, 0, -1, List.of(), List.of(), List.of(),
                List.of(), null, "Table shop.audit: ... Run as its owner or a superuser: GRANT SELECT ON shop.audit TO tributary_cdc;");
        ReconcileResult r = new ReconcileResult(false, ReconcileOutcome.DIFFERENT, "0/1", true, "", 0, 0, List.of(unreadable),
                List.of());
        assertThat(ReconcileJson.read(ReconcileJson.write(r))).isEqualTo(r);
        assertThat(ReconcileJson.read(ReconcileJson.write(r)).tables().get(0).problem()).endsWith("TO tributary_cdc;");
        assertThat(sample().tables().get(0).problem()).as("a compared table").isEmpty();
    }

    @Test
    void anOlderReportReadsWithDefaults() {
        ReconcileResult r = ReconcileJson.read("{\"equal\":true,\"tables\":[{\"table\":\"t\",\"equal\":true}]}");
        assertThat(r.outcome()).isEqualTo(ReconcileOutcome.EQUAL);
        assertThat(r.lakeOnlyTables()).isEmpty();
        assertThat(r.history()).as("a report without the history check").isEmpty();
        assertThat(r.tables().get(0).parked()).isNull();
        assertThat(r.tables().get(0).firstMissing()).isEmpty();
        assertThat(ReconcileJson.read("{\"equal\":false}").outcome()).isEqualTo(ReconcileOutcome.DIFFERENT);
    }

    @Test
    void whatIsNotAReportIsAnErrorThatSaysWhere() {
        assertThatThrownBy(() -> ReconcileJson.read("{\"equal\":tru}")).hasMessageContaining("expected true at offset 9");
        assertThatThrownBy(() -> ReconcileJson.read("[1]")).hasMessageContaining("not a reconcile report");
        assertThatThrownBy(() -> ReconcileJson.read("{\"outcome\":\"maybe\"}")).hasMessageContaining("unknown reconcile outcome");
    }

    @Test
    void exitCodesAreTheVerdicts() {
        assertThat(List.of(0, 1, 2, 3, 4, 137)).filteredOn(ReconcileOutcome::isVerdict).containsExactly(0, 3, 4);
        assertThat(ReconcileOutcome.ofLabel("parked").exitCode()).isEqualTo(4);
    }
}
