package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LastRunsTest {

    @Test
    void theLatestReconcileAndChaosRunsAreKeptWholeAndReplaced(@TempDir Path dataDir) throws Exception {
        LastRuns runs = new LastRuns(dataDir);
        assertThat(runs.reconcile()).isEmpty();
        assertThat(runs.chaos()).isEmpty();

        runs.saveReconcile("{\"equal\":false}\n");
        runs.saveReconcile("{\"equal\":true}");
        runs.saveChaos("CHAOS PASSED: 3 kills\n");

        assertThat(runs.reconcile()).hasValue("{\"equal\":true}");
        assertThat(runs.chaos()).hasValue("CHAOS PASSED: 3 kills");
        assertThat(new LastRuns(dataDir).reconcile()).hasValue("{\"equal\":true}");
        try (var files = Files.list(dataDir.resolve(LastRuns.DIR))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(LastRuns.RECONCILE, LastRuns.CHAOS);
        }
    }
}
