package io.tributary.cdc.slot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.tributary.cdc.offsets.OffsetFileFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlotVerdictTest {
    static final Path FILE = Path.of("/data/cdc-engine/offsets.dat");

    @Test
    void aFirstStartHasNothingToCompare() {
        assertThat(SlotVerdict.judge("tributary_slot", Optional.empty(), OptionalLong.empty(), FILE)).isEmpty();
    }

    @Test
    void aSlotAtOrBehindTheStoredPositionIsFine() {
        assertThat(SlotVerdict.judge("s", Optional.of(new SlotRow("reserved", 0x16B3748L)), OptionalLong.of(0x16B3748L), FILE)).isEmpty();
        assertThat(SlotVerdict.judge("s", Optional.of(new SlotRow("extended", 100)), OptionalLong.of(200), FILE)).isEmpty();
    }

    @Test
    void aDroppedSlotNamesTheSlotThePositionAndTheReset() {
        String problem = SlotVerdict.judge("tributary_slot", Optional.empty(), OptionalLong.of(0x16B3748L), FILE).orElseThrow();
        assertThat(problem).startsWith("Replication slot tributary_slot does not exist")
                .contains("LSN 0/16B3748 (/data/cdc-engine/offsets.dat)").contains("was dropped")
                .contains("Run ./tributary cdc reset").contains("re-snapshots every captured table");
    }

    @Test
    void aSlotInvalidatedByMaxSlotWalKeepSizeIsLost() {
        String problem = SlotVerdict.judge("s", Optional.of(new SlotRow("lost", 100)), OptionalLong.of(200), FILE).orElseThrow();
        assertThat(problem).contains("invalidated").contains("wal_status lost").contains("max_slot_wal_keep_size")
                .contains("./tributary cdc reset");
    }

    @Test
    void aSlotAheadOfTheStoredPositionIsAWarningNotAStop() {
        Optional<SlotRow> ahead = Optional.of(new SlotRow("reserved", 0x1_0000_0010L));
        assertThat(SlotVerdict.judge("s", ahead, OptionalLong.of(0x20), FILE)).isEmpty();
        assertThat(SlotVerdict.aheadWarning("s", ahead, OptionalLong.of(0x20))).hasValueSatisfying(w -> assertThat(w)
                .contains("confirms LSN 1/10, ahead of the stored position LSN 0/20").contains("./tributary cdc reset"));
        assertThat(SlotVerdict.aheadWarning("s", Optional.of(new SlotRow("reserved", 0x20)), OptionalLong.of(0x20))).isEmpty();
        assertThat(SlotVerdict.aheadWarning("s", ahead, OptionalLong.empty())).as("a first start").isEmpty();
    }

    @Test
    void theStoredPositionIsTheFurthestLsnOfTheOffsetsFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("offsets.dat");
        assertThat(StoredPosition.read(file)).isEmpty();
        Map<ByteBuffer, ByteBuffer> entries = new LinkedHashMap<>();
        entries.put(utf8("[\"tributary-cdc\",{\"server\":\"tributary\"}]"),
                utf8("{\"lsn_proc\":23905120,\"messageType\":\"INSERT\",\"lsn_commit\":23905000,\"lsn\":23905120,\"txId\":771,\"ts_usec\":1765100000000000}"));
        Files.write(file, OffsetFileFormat.encode(entries));
        assertThat(StoredPosition.read(file)).hasValue(23905120L);
    }

    @Test
    void theOffsetsFileIsMovedAsideWithTheTimeInItsName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("offsets.dat");
        assertThat(SlotReset.moveAside(file, Instant.parse("2026-12-07T12:00:00Z"))).contains("nothing to move");
        Files.writeString(file, "x");
        assertThat(SlotReset.moveAside(file, Instant.parse("2026-12-07T12:00:00Z"))).contains("offsets.dat.before-reset-20261207T120000Z");
        assertThat(file).doesNotExist();
        assertThat(dir.resolve("offsets.dat.before-reset-20261207T120000Z")).hasContent("x");
    }

    static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }
}
