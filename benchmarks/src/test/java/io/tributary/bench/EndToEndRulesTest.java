package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndToEndRulesTest {

    @Test
    void withThreeBatchesOrMoreTheFreshnessTrendDecides() {
        List<Trend.Point> rising = List.of(new Trend.Point(0, 1), new Trend.Point(60, 30), new Trend.Point(120, 60));
        List<Trend.Point> flat = List.of(new Trend.Point(0, 2), new Trend.Point(60, 3), new Trend.Point(120, 2));
        assertThat(EndToEndBenchmark.lagVerdict(rising, 1000, 1000, 5, 120, false)).startsWith("yes (freshness");
        assertThat(EndToEndBenchmark.lagVerdict(flat, 1000, 1000, 5, 120, false)).isEqualTo("no");
    }

    @Test
    void withFewerBatchesTheBacklogDecides() {
        List<Trend.Point> one = List.of(new Trend.Point(60, 90));
        assertThat(EndToEndBenchmark.lagVerdict(one, 1000, 980, 53, 120, false)).isEqualTo("no (caught up 53 s after the run)");
        assertThat(EndToEndBenchmark.lagVerdict(one, 1000, 980, 120.1, 120, false)).startsWith("yes (backlog left 120 s");
        assertThat(EndToEndBenchmark.lagVerdict(one, 1000, 800, 10, 120, false)).startsWith("yes (capture behind");
        assertThat(EndToEndBenchmark.lagVerdict(one, Double.NaN, 800, 10, 120, true)).startsWith("n/a");
    }

    @Test
    void theSimulatorsLastErrorLineIsQuoted(@TempDir Path dir) throws Exception {
        Path log = Files.writeString(dir.resolve("sim.log"), "10:00 INFO x\nerror: first\nnoise\nerror: giving up on burst\n");
        assertThat(EndToEndBenchmark.lastError(log)).isEqualTo("error: giving up on burst");
        assertThat(EndToEndBenchmark.lastError(dir.resolve("absent.log"))).startsWith("log unreadable");
    }
}
