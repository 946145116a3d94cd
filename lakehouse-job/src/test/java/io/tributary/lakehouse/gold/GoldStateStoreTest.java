package io.tributary.lakehouse.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.lakehouse.cdc.Op;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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

    @Test
    void aRestoredStateStillMovesTheOrdersReadBeforeTheirProduct() {
        GoldStateStore store = new GoldStateStore(dir.resolve("windows").toUri().toString(), new Configuration());
        GoldWindows windows = new GoldWindows(Duration.ofMinutes(2));
        windows.apply(Map.of(), List.of(insert(1, 100)));
        store.save(0, windows);

        BatchOutcome out = store.before(1).orElseThrow().apply(Map.of(1L, "Toys"), List.of());

        Instant start = Instant.parse("2026-12-07T10:00:00Z");
        assertThat(out.recategorized()).isEqualTo(1);
        assertThat(out.windows()).containsOnly(
                Map.entry(new WindowKey.CategoryWindow(start, start.plusSeconds(60), GoldWindows.UNKNOWN_CATEGORY),
                        Totals.ZERO),
                Map.entry(new WindowKey.CategoryWindow(start, start.plusSeconds(60), "Toys"),
                        new Totals(1, 2, new BigDecimal("2.50"))));
    }

    /** A state stored by the job before it kept the categories (serialVersionUID 2) is refused, saying what to do. */
    @Test
    void aStateOfThePreviousVersionIsRefusedWithTheFix() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new GoldWindows(Duration.ofMinutes(2)));
        }
        byte[] stream = bytes.toByteArray();
        byte[] name = GoldWindows.class.getName().getBytes(StandardCharsets.UTF_8);
        ByteBuffer descriptor = ByteBuffer.allocate(2 + name.length + 8).putShort((short) name.length).put(name).putLong(3);
        int at = indexOf(stream, descriptor.array());
        assertThat(at).as("GoldWindows' class descriptor with serialVersionUID 3").isPositive();
        ByteBuffer.wrap(stream, at + 2 + name.length, 8).putLong(2);
        Path states = Files.createDirectories(dir.resolve("windows"));
        Files.write(states.resolve("4.state"), stream);
        GoldStateStore store = new GoldStateStore(states.toUri().toString(), new Configuration());

        assertThatThrownBy(() -> store.before(5)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("4.state").hasMessageContaining("written by another version of the job")
                .hasMessageContaining("serialVersionUID = 2").hasMessageContaining("remove file:" + states + " and")
                .hasMessageContaining("the gold checkpoint file:" + dir.resolve("checkpoint"))
                .hasMessageContaining("docs/gold.md");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
