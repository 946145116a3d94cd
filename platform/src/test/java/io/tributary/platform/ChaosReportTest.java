package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChaosReportTest {
    private static ChaosReport report(long quarantined, Boolean equal, long walMax, String failure) {
        return new ChaosReport(42, Duration.ofMinutes(10), Map.of(ChaosFault.KILL_KAFKA, 3, ChaosFault.POISON, 2),
                Map.of("kafka", 3, "cdc-engine", 5), 120_000, 125_500, 6, quarantined, equal, walMax, 64L << 20, failure);
    }

    @Test
    void equalLakeAndMatchingPoisonExitZeroWithOneLineSayingSo() {
        ChaosReport r = report(6, true, -1, null);
        assertThat(r.exitCode()).isZero();
        assertThat(r.line()).startsWith("CHAOS seed=42 duration=10m faults=5 [")
                .contains("kill-kafka=3").contains("poison=2").contains("kill-cdc-engine=0")
                .contains("supervisor-restarts=[cdc-engine=5 kafka=3]")
                .contains("written=120000 captured=125500 poison=6/6 reconcile=EQUAL exit=0")
                .doesNotContain("idle-wal").doesNotContain("\n");
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
}
