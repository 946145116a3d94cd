package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lakehouse.reconcile.ParkedState;
import io.tributary.lakehouse.reconcile.ReconcileReport;
import io.tributary.lakehouse.reconcile.TableDiff;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reconcile report across the process boundary: lakehouse-job's {@link ReconcileReport} writes the line that
 * {@code reconcile --json} prints, and the CLI's {@link ReconcileSummary} reads those same bytes back.
 */
class ReconcileReportContractTest {

    private static final TableDiff EQUAL = new TableDiff("customers", 1200, 1200, 0, 0, 0, 2, List.of(), List.of(),
            List.of(), List.of(), 1500);
    private static final TableDiff DIFFERENT = new TableDiff("products", 5, 4, 1, 1, 1, 0, List.of("9"), List.of("12"),
            List.of("key \"3\", with comma"), List.of("discount"), 6);
    private static final TableDiff PARKED_IN_LAKE = new TableDiff("orders", 10, 8, 2, 0, 0, 0, List.of("9", "10"),
            List.of(), List.of(), List.of(), 8).withParked(new ParkedState(ParkedState.LAKEHOUSE_JOB,
            "IllegalStateException: cannot cast \"total\"", "12"));
    private static final TableDiff PARKED_IN_CDC = new TableDiff("items", 3, 3, 0, 0, 0, 0, List.of(), List.of(),
            List.of(), List.of(), 3).withParked(new ParkedState(ParkedState.CDC_ENGINE, "schema_refused", ""));

    private static ReconcileSummary roundTrip(ReconcileReport report) {
        return ReconcileSummary.parse("reconcile log line\n" + report.toJson() + "\n");
    }

    @Test
    void everyFieldOfEveryTableSurvives() {
        ReconcileReport report = new ReconcileReport("0/1E9F988", false, "partition 0 at 41 of 42", 1500, 2500,
                List.of(EQUAL, DIFFERENT, PARKED_IN_LAKE, PARKED_IN_CDC), List.of());
        ReconcileSummary s = roundTrip(report);
        assertThat(s.equal()).isEqualTo(report.equal());
        assertThat(s.outcome()).isEqualTo(ReconcileSummary.DIFFERENT);
        assertThat(s.caughtUp()).isFalse();
        assertThat(s.snapshotLsn()).isEqualTo("0/1E9F988");
        assertThat(s.catchUpDetail()).isEqualTo("partition 0 at 41 of 42");
        assertThat(s.waitMillis()).isEqualTo(1500);
        assertThat(s.compareMillis()).isEqualTo(2500);
        assertThat(s.lakeOnlyTables()).isEmpty();
        assertThat(s.tables()).hasSize(report.tables().size());
        for (int i = 0; i < report.tables().size(); i++) {
            TableDiff written = report.tables().get(i);
            ReconcileSummary.Table read = s.tables().get(i);
            assertThat(read.name()).isEqualTo(written.table());
            assertThat(read.equal()).isEqualTo(written.equal());
            assertThat(new long[] {read.postgresRows(), read.silverRows(), read.missing(), read.extra(), read.differing(),
                    read.bronzeRows()}).containsExactly(written.sourceRows(), written.lakeRows(), written.missing(),
                    written.extra(), written.differing(), written.bronzeRows());
            assertThat(read.firstMissing()).isEqualTo(written.firstMissing());
            assertThat(read.firstExtra()).isEqualTo(written.firstExtra());
            assertThat(read.firstDiffering()).isEqualTo(written.firstDiffering());
            assertThat(read.result()).isEqualTo(written.result());
            assertThat(read.parked() == null ? null : "parked in " + read.parked())
                    .isEqualTo(written.isParked() ? written.parked().describe() : null);
        }
        // the full record, inFlight and missingColumns included, as the one codec reads it
        assertThat(io.tributary.contracts.reconcile.ReconcileJson.read(report.toJson())).isEqualTo(report.toResult());
    }

    @Test
    void eachOutcomeAndItsExitCodeSurvive() {
        for (ReconcileReport report : List.of(
                new ReconcileReport("0/1", true, "ok", 1, 2, List.of(EQUAL), List.of()),
                new ReconcileReport("0/1", true, "ok", 1, 2, List.of(EQUAL, PARKED_IN_LAKE, PARKED_IN_CDC), List.of()),
                new ReconcileReport("0/1", true, "ok", 1, 2, List.of(EQUAL, DIFFERENT, PARKED_IN_CDC), List.of()))) {
            ReconcileSummary s = roundTrip(report);
            assertThat(s.outcome()).isEqualTo(report.outcome().contract().label());
            assertThat(ReconcileSummary.isVerdict(report.outcome().exitCode())).isTrue();
            assertThat(s.parkedTables()).extracting(ReconcileSummary.Table::name)
                    .containsExactlyElementsOf(report.parkedTables().stream().map(TableDiff::table).toList());
        }
    }

    @Test
    void lakeOnlyTablesSurviveAndAreWhyTheLakeDiffers() {
        ReconcileReport report = new ReconcileReport("0/1", true, "ok", 1, 2, List.of(EQUAL), List.of("old_orders"));
        ReconcileSummary s = roundTrip(report);
        assertThat(s.lakeOnlyTables()).containsExactly("old_orders");
        assertThat(s.outcome()).isEqualTo(ReconcileSummary.DIFFERENT);
        assertThat(s.tables()).allMatch(ReconcileSummary.Table::equal);
        assertThat(s.resultLine()).isEqualTo("RESULT: the lake DIFFERS from PostgreSQL."
                + " Silver has tables PostgreSQL does not: old_orders.");
        assertThat(s.render(Map.of())).contains("silver tables without a PostgreSQL table: old_orders\n");
    }
}
