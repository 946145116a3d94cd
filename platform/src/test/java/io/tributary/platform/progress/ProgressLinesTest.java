package io.tributary.platform.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressLinesTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void theSnapshotLineGivesRowsOfTheTotalTheRateAndTheTimeLeft() {
        ProgressRate rate = new ProgressRate(10);
        rate.sample(0, 10_000);
        rate.sample(5 * SECOND, 70_000);

        assertThat(ProgressLines.snapshot(70_000, 100_000, rate))
                .isEqualTo("initial snapshot: 70,000 of 100,000 rows (70%), 12,000 rows/s, about 3 s left");
    }

    @Test
    void theSnapshotLineWithoutATotalOrARateSaysOnlyWhatItKnows() {
        ProgressRate rate = new ProgressRate(10);
        rate.sample(0, 500);

        assertThat(ProgressLines.snapshot(500, 0, rate)).isEqualTo("initial snapshot: 500 rows");
        assertThat(ProgressLines.snapshot(500, 2_000, rate)).isEqualTo("initial snapshot: 500 of 2,000 rows (25%)");
    }

    @Test
    void beforeTheFirstRowTheSnapshotLineSaysSoRatherThanZeroPercent() {
        ProgressRate rate = new ProgressRate(10);
        rate.sample(0, 0);
        rate.sample(5 * SECOND, 0);

        assertThat(ProgressLines.snapshot(0, 13_440, rate)).isEqualTo("initial snapshot: no row exported yet (13,440 to export)");
        assertThat(ProgressLines.snapshot(0, 0, rate)).isEqualTo("initial snapshot: no row exported yet");
    }

    @Test
    void theLakeLineCountsRecordsAndPartitionsLeftAndHowFastTheyGo() {
        ProgressRate rate = new ProgressRate(30);
        LakeBacklog first = LakeBacklog.of(Map.of("t.orders#0", 9_000L, "t.customers#0", 1_000L, "t.products#0", 50L),
                Map.of("t.orders#0", 1_000L, "t.customers#0", 1_000L));
        rate.sample(0, first.recordsLeft());
        LakeBacklog later = LakeBacklog.of(Map.of("t.orders#0", 9_000L, "t.customers#0", 1_000L, "t.products#0", 50L),
                Map.of("t.orders#0", 5_000L, "t.customers#0", 1_000L, "t.products#0", 50L));
        rate.sample(4 * SECOND, later.recordsLeft());

        assertThat(first).isEqualTo(new LakeBacklog(8_050, 2, 3));
        assertThat(ProgressLines.lake(later, rate))
                .isEqualTo("waiting for the lake: 4,000 records left in 1 of 3 partitions, 1,013 records/s, about 4 s left");
    }

    @Test
    void aLakeThatReadEverythingSaysSo() {
        LakeBacklog done = LakeBacklog.of(Map.of("t.orders#0", 10L), Map.of("t.orders#0", 10L));

        assertThat(ProgressLines.lake(done, new ProgressRate(30)))
                .isEqualTo("waiting for the lake: every record of the 1 partitions read; reconciling ...");
    }

    @Test
    void theRateLooksOnlyAtItsWindowSoAStallShowsAtOnce() {
        ProgressRate rate = new ProgressRate(10);
        rate.sample(0, 0);
        rate.sample(10 * SECOND, 100_000);
        rate.sample(20 * SECOND, 100_000);
        rate.sample(30 * SECOND, 100_000);

        assertThat(rate.perSecond()).hasValue(0.0);
        assertThat(rate.secondsLeft(5)).isEmpty();
    }

    @Test
    void noRateFromSamplesLessThanASecondApart() {
        ProgressRate rate = new ProgressRate(10);
        rate.sample(0, 0);
        rate.sample(SECOND / 2, 1_000);

        assertThat(rate.perSecond()).isEmpty();
    }
}
