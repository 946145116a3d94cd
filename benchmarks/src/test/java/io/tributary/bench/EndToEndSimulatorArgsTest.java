package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndToEndSimulatorArgsTest {

    @Test
    void theBusinessSimulatorUpTo1kPerSecondAndTheBulkLoadAbove() {
        List<String> business = EndToEndBenchmark.simulatorArgs(1_000, Duration.ofSeconds(180), 1, 1, Path.of("s.json"));
        List<String> bulk = EndToEndBenchmark.simulatorArgs(10_000, Duration.ofSeconds(180), 8, 1, Path.of("s.json"));

        assertThat(business).doesNotContain("--mode").containsSequence("--events-per-tx", "1")
                .containsSequence("--rate", "1000");
        assertThat(bulk).containsSequence("--mode", "bulk").containsSequence("--batch-size", "500")
                .containsSequence("--workers", "4").doesNotContain("--events-per-tx")
                .containsSequence("--summary-file", "s.json");
    }
}
