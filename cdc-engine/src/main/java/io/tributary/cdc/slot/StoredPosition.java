package io.tributary.cdc.slot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tributary.cdc.offsets.OffsetFileFormat;

/**
 * The furthest WAL position the engine has stored in its offsets file ({@code lsn}, {@code lsn_proc},
 * {@code lsn_commit} of Debezium's offset): the slot's {@code confirmed_flush_lsn} is never ahead of it, because
 * Debezium confirms to the slot only what the offsets file already holds.
 */
public final class StoredPosition {
    private static final Pattern LSN = Pattern.compile("\"(?:lsn|lsn_proc|lsn_commit)\"\\s*:\\s*(\\d+)");

    private StoredPosition() {
    }

    /** Empty when there is no offsets file yet (a first start: the snapshot comes first). */
    public static OptionalLong read(Path offsetsFile) throws IOException {
        byte[] raw;
        try {
            raw = Files.readAllBytes(offsetsFile);
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        }
        return furthest(OffsetFileFormat.decode(raw));
    }

    /** The largest LSN among the offsets' values, or empty when none holds one. */
    static OptionalLong furthest(Map<ByteBuffer, ByteBuffer> entries) {
        OptionalLong best = OptionalLong.empty();
        for (ByteBuffer value : entries.values()) {
            if (value == null) {
                continue;
            }
            Matcher m = LSN.matcher(StandardCharsets.UTF_8.decode(value.duplicate()));
            while (m.find()) {
                long lsn = Long.parseLong(m.group(1));
                if (best.isEmpty() || lsn > best.getAsLong()) {
                    best = OptionalLong.of(lsn);
                }
            }
        }
        return best;
    }
}
