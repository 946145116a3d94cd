package io.tributary.cdc.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableFileOffsetStoreTest {
    static final ByteBuffer KEY = bytes("[\"tributary\",{\"server\":\"tributary\"}]");
    static final ByteBuffer VALUE = bytes("{\"lsn\":27366832,\"txId\":4659}");

    static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    static DurableFileOffsetStore store(Path file) {
        DurableFileOffsetStore store = new DurableFileOffsetStore();
        store.configure(new StandaloneConfig(Map.of(
                "offset.storage.file.filename", file.toString(),
                "key.converter", "org.apache.kafka.connect.json.JsonConverter",
                "value.converter", "org.apache.kafka.connect.json.JsonConverter",
                "bootstrap.servers", "127.0.0.1:1")));
        store.start();
        return store;
    }

    @Test
    void formatRoundTripsAndDetectsEveryTruncation() throws Exception {
        Map<ByteBuffer, ByteBuffer> entries = new LinkedHashMap<>();
        entries.put(KEY, VALUE);
        entries.put(bytes("k2"), null);
        byte[] encoded = OffsetFileFormat.encode(entries);
        assertThat(OffsetFileFormat.decode(encoded)).isEqualTo(entries);
        for (int length = 0; length < encoded.length; length++) {
            byte[] truncated = Arrays.copyOf(encoded, length);
            assertThatThrownBy(() -> OffsetFileFormat.decode(truncated)).as("truncated to %d bytes", length)
                    .isInstanceOf(OffsetFileFormat.CorruptOffsetsException.class);
        }
        byte[] flipped = encoded.clone();
        flipped[12] ^= 1;
        assertThatThrownBy(() -> OffsetFileFormat.decode(flipped)).hasMessageContaining("checksum");
    }

    @Test
    void offsetsSurviveARestartAndPartitionsAreKnown(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("offsets.dat");
        DurableFileOffsetStore first = store(file);
        first.set(Map.of(KEY, VALUE), null).get(5, TimeUnit.SECONDS);
        first.stop();
        assertThat(dir.resolve("offsets.dat.tmp")).doesNotExist();

        DurableFileOffsetStore second = store(file);
        assertThat(second.get(List.of(KEY)).get(5, TimeUnit.SECONDS)).containsEntry(KEY, VALUE);
        assertThat(second.connectorPartitions("tributary")).containsExactly(Map.of("server", "tributary"));
        second.stop();
    }

    @Test
    void aMissingFileMeansNoOffsetsButADamagedOneStopsTheStart(@TempDir Path dir) throws Exception {
        DurableFileOffsetStore fresh = store(dir.resolve("none.dat"));
        assertThat(fresh.get(List.of(KEY)).get(5, TimeUnit.SECONDS).get(KEY)).isNull();
        fresh.stop();

        Path empty = dir.resolve("empty.dat");
        Files.write(empty, new byte[0]);
        assertThatThrownBy(() -> store(empty)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("empty.dat is damaged").hasMessageContaining("drop the replication slot");
    }

    @Test
    void aFailedWriteKeepsThePreviousFileAndIsReportedUntilAWriteSucceeds(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("offsets.dat");
        DurableFileOffsetStore store = store(file);
        store.set(Map.of(KEY, VALUE), null).get(5, TimeUnit.SECONDS);
        byte[] good = Files.readAllBytes(file);
        DurableFileOffsetStore.checkWritten(file);

        // the temporary file cannot be created: a non-empty directory stands in its place
        Path blocker = Files.createDirectories(dir.resolve("offsets.dat.tmp"));
        Files.writeString(blocker.resolve("x"), "x");
        assertThatThrownBy(() -> store.set(Map.of(KEY, bytes("{\"lsn\":99}")), null).get(5, TimeUnit.SECONDS))
                .hasRootCauseInstanceOf(java.io.IOException.class);
        assertThat(Files.readAllBytes(file)).as("previous offsets intact").isEqualTo(good);
        assertThatThrownBy(() -> DurableFileOffsetStore.checkWritten(file)).isInstanceOf(OffsetsNotWrittenException.class)
                .hasMessageContaining("Cannot write the offsets file " + file.toAbsolutePath())
                .hasMessageContaining("previous offsets file is intact");

        Files.delete(blocker.resolve("x"));
        Files.delete(blocker);
        store.set(Map.of(KEY, bytes("{\"lsn\":100}")), null).get(5, TimeUnit.SECONDS);
        DurableFileOffsetStore.checkWritten(file);
        store.stop();
    }

    @Test
    void outOfSpaceIsRecognisedByItsErrorText() {
        assertThat(DurableFileOffsetStore.isOutOfSpace(new java.io.IOException("No space left on device"))).isTrue();
        assertThat(DurableFileOffsetStore.isOutOfSpace(new java.io.IOException("Disk quota exceeded"))).isTrue();
        assertThat(DurableFileOffsetStore.isOutOfSpace(new java.io.IOException("Permission denied"))).isFalse();
    }
}
