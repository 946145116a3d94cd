package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChaosReportTest {
    private static final ChaosParkAndResume.Outcome RESUMED = new ChaosParkAndResume.Outcome("chaos_alter_1",
            Duration.ofMillis(1_240), "schema_refused", "0/1C286E8", true, 412, 37, "not parked",
            new ChaosLakeProgress.DuringPark(530, 19.4, 21.2), 180, List.of());

    private static ChaosReport report(long quarantined, Boolean equal, long walMax, String failure) {
        return report(quarantined, equal == null ? null : equal ? "equal" : "different", List.of(), Map.of(), List.of(), walMax, failure);
    }

    private static ChaosReport report(long quarantined, String outcome, List<String> parked, Map<String, String> chaosTables,
            List<ChaosParkAndResume.Outcome> changes, long walMax, String failure) {
        return report(quarantined, outcome, parked, chaosTables, changes, List.of(), walMax, failure);
    }

    private static ChaosReport report(long quarantined, String outcome, List<String> parked, Map<String, String> chaosTables,
            List<ChaosParkAndResume.Outcome> changes, List<ChaosLakePark.Outcome> lakeParks, long walMax, String failure) {
        return new ChaosReport(42, Duration.ofMinutes(10), Map.of(ChaosFault.KILL_KAFKA, 3, ChaosFault.POISON, 2),
                Map.of("kafka", 3, "cdc-engine", 5), 120_000, 125_500, 6, quarantined, outcome, parked, chaosTables, changes,
                lakeParks, walMax, 64L << 20, failure);
    }

    @Test
    void equalLakeAndMatchingPoisonExitZeroWithOneLineSayingSo() {
        ChaosReport r = report(6, true, -1, null);
        assertThat(r.exitCode()).isZero();
        assertThat(r.line()).startsWith("CHAOS seed=42 duration=10m faults=5 [")
                .contains("kill-kafka=3").contains("poison=2").contains("kill-cdc-engine=0")
                .contains("new-table-edge-values=0").contains("incompatible-column-change=0")
                .contains("supervisor-restarts=[cdc-engine=5 kafka=3]")
                .contains("written=120000 captured=125500 poison=6/6 reconcile=EQUAL exit=0")
                .doesNotContain("idle-wal").doesNotContain("incompatible-change=").doesNotContain("chaos-tables")
                .doesNotContain("\n");
    }

    @Test
    void differingLakeExitsThreeAndPoisonMismatchOrWalBeyondTheBoundExitOne() {
        assertThat(report(6, false, -1, null).exitCode()).isEqualTo(ChaosReport.DIFFERENT);
        ChaosReport mismatch = report(5, true, -1, null);
        assertThat(mismatch.exitCode()).isEqualTo(1);
        assertThat(mismatch.line()).contains("poison=6/5(MISMATCH)");
        ChaosReport wal = report(6, true, 65L << 20, null);
        assertThat(wal.exitCode()).isEqualTo(1);
        assertThat(wal.line()).contains("idle-wal-max=65.0 MiB/64.0 MiB(EXCEEDED)");
        assertThat(report(6, true, 1 << 20, null).exitCode()).isZero();
    }

    @Test
    void failureBeforeReconcileExitsOneWithItsFirstLine() {
        ChaosReport r = report(-1, null, -1, "cdc-engine was not running\nsee log");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.line()).contains("reconcile=NOT-RUN failure=\"cdc-engine was not running\" exit=1");
    }

    @Test
    void parkedAndResumedColumnChangeAndTheChaosTablesAreInTheLine() {
        ChaosReport r = report(6, "equal", List.of(), Map.of("chaos_edge_1", "equal", "chaos_alter_1", "equal"), List.of(RESUMED), -1, null);
        assertThat(r.exitCode()).isZero();
        assertThat(r.line()).contains(" incompatible-change=[chaos_alter_1 parked-after=1.2s slot-passed others=+412"
                        + " replayed=37 lake-others=+530 lake-freshness=21s(before=19s) writes=180 resumed] ")
                .contains("reconcile=EQUAL chaos-tables=[chaos_alter_1=equal chaos_edge_1=equal] exit=0");
    }

    @Test
    void aTableLeftParkedExitsFourNamingTableStageAndReason() {
        String lake = "chaos_alter_1: lakehouse-job since batch 12: DeltaAnalysisException: [DELTA_MERGE_INCOMPATIBLE_DATATYPE]"
                + " Failed to merge incompatible data types IntegerType and StringType";
        ChaosReport r = report(6, "parked", List.of(lake), Map.of("chaos_alter_1", "PARKED", "chaos_edge_1", "equal"),
                List.of(RESUMED), -1, null);
        assertThat(r.exitCode()).isEqualTo(ChaosReport.PARKED).isEqualTo(4);
        assertThat(r.line()).contains("reconcile=PARKED[chaos_alter_1: lakehouse-job since batch 12: DeltaAnalysisException: "
                + "[DELTA_MERGE_INCOMPATIBLE_DATATYPE] Failed to merge incompatible data types IntegerType and StringType]")
                .contains("chaos-tables=[chaos_alter_1=PARKED chaos_edge_1=equal]").endsWith("exit=4");
        assertThat(report(6, "parked", List.of("t: " + "x".repeat(400)), Map.of(), List.of(), -1, null).line())
                .as("a long reason is cut").contains("x".repeat(200) + "...]").doesNotContain("x".repeat(400));
    }

    @Test
    void aColumnChangeThatWasNotParkedOrNotResumedExitsOne() {
        ChaosParkAndResume.Outcome notParked = new ChaosParkAndResume.Outcome("chaos_alter_2", null, null, "", false, -1, -1, "",
                ChaosLakeProgress.DuringPark.NOT_MEASURED, 90,
                List.of("cdc-engine did not park shop.chaos_alter_2 within 3m of the change\nsee log"));
        ChaosReport r = report(6, "equal", List.of(), Map.of(), List.of(RESUMED, notParked), -1, null);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.line()).contains("incompatible-change=[chaos_alter_1 parked-after=1.2s slot-passed others=+412 replayed=37"
                + " lake-others=+530 lake-freshness=21s(before=19s) writes=180 resumed; chaos_alter_2 NOT-PARKED writes=90 NOT-RESUMED(cdc-engine did not park shop.chaos_alter_2"
                + " within 3m of the change)]");
        ChaosParkAndResume.Outcome stuck = new ChaosParkAndResume.Outcome("chaos_alter_3", Duration.ofSeconds(2), "schema_refused",
                "0/1", false, 0, 5, "not parked", ChaosLakeProgress.DuringPark.NOT_MEASURED, 60, List.of("the slot's confirmed_flush_lsn did not pass 0/1 within 2m"));
        assertThat(stuck.brief()).contains("SLOT-STUCK").contains("NOT-RESUMED(the slot's");
        assertThat(report(6, "equal", List.of(), Map.of(), List.of(stuck), -1, null).exitCode()).isEqualTo(1);
    }

    @Test
    void aLakeParkIsReportedAndMustBeResumedWithTheShopFlowing() {
        ChaosLakePark.Outcome resumed = new ChaosLakePark.Outcome("chaos_lake_1", Duration.ofMillis(14_250),
                "SparkException: [DELTA_VIOLATE_CONSTRAINT_WITH_VALUES] ...", new ChaosLakeProgress.DuringPark(812, 18, 24), 900,
                List.of());
        ChaosReport r = report(6, "equal", List.of(), Map.of("chaos_lake_1", "equal"), List.of(), List.of(resumed), -1, null);
        assertThat(r.exitCode()).isZero();
        assertThat(r.line()).contains(" lake-park=[chaos_lake_1 parked-after=14.3s lake-others=+812 lake-freshness=24s(before=18s)"
                + " writes=900 resumed] ").contains(" chaos-tables=[chaos_lake_1=equal] ");

        ChaosLakePark.Outcome starved = new ChaosLakePark.Outcome("chaos_lake_2", Duration.ofSeconds(9), "constraint",
                new ChaosLakeProgress.DuringPark(0, 18, Double.NaN), 400,
                List.of("the lake merged no row into the shop's tables within 3m while chaos_lake_2 was parked"));
        assertThat(starved.brief()).isEqualTo("chaos_lake_2 parked-after=9.0s lake-others=+0 lake-freshness=?s(before=18s)"
                + " writes=400 NOT-RESUMED(the lake merged no row into the shop's tables within 3m while chaos_lake_2 was parked)");
        assertThat(report(6, "equal", List.of(), Map.of(), List.of(), List.of(starved), -1, null).exitCode()).isEqualTo(1);
    }
}
