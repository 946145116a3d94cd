package io.tributary.lakehouse.gold;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lakehouse.cdc.Op;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldStateStoreTest {

    private static final Instant AT = Instant.parse("2026-12-07T10:00:10Z");

    @TempDir
    Path dir;

    private static OrderChange insert(long id, long lsn) {
        return new OrderChange(id, Op.CREATE, lsn, null,
                new OrderImage(id, 1, 7, 2, new BigDecimal("1.25"), "placed", AT));
    }

    @Test
    void aBatchStartsFromTheStateOfTheBatchBeforeItAndOldStatesGo() throws Exception {
        GoldStateStore store = new GoldStateStore(dir.resolve("windows").toUri().toString(), new Configuration());
        GoldWindows windows = new GoldWindows(Duration.ofMinutes(2));
        for (long batch = 0; batch < 4; batch++) {
            windows.apply(Map.of(1L, "Toys"), List.of(insert(batch + 1, 100 + batch)));
            store.save(batch, windows);
        }

        assertThat(store.before(0)).isEmpty();
        GoldWindows afterBatch2 = store.before(3).orElseThrow();
        WindowKey minute = new WindowKey.CategoryWindow(Instant.parse("2026-12-07T10:00:00Z"),
                Instant.parse("2026-12-07T10:01:00Z"), "Toys");
        assertThat(afterBatch2.openWindows()).containsEntry(minute, new Totals(3, 6, new BigDecimal("7.50")));
        assertThat(store.before(9).orElseThrow().openWindows()).containsEntry(minute,
                new Totals(4, 8, new BigDecimal("10.00")));
        // a replay of batch 3 from the restored state does not count order 1 again, and knows the category
        BatchOutcome replay = afterBatch2.apply(Map.of(), List.of(insert(1, 100), insert(4, 103)));
        assertThat(replay.duplicates()).isEqualTo(1);
        assertThat(replay.windows()).containsEntry(minute, new Totals(4, 8, new BigDecimal("10.00")));
        try (var files = Files.list(dir.resolve("windows"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".state")))
                    .containsExactlyInAnyOrder("2.state", "3.state");
        }
    }
}
