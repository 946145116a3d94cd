package io.tributary.cdc.offsets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the engine replaces one of its state files (the offsets, the parked tables) so that a crash at any moment
 * leaves either the old file or the new one, never a torn one: the bytes go to {@code <file>.tmp}, which is fsynced,
 * renamed atomically over the file, and then the directory is fsynced so that the rename survives a power loss.
 */
public final class DurableFile {
    private static final Logger LOG = LoggerFactory.getLogger(DurableFile.class);

    private DurableFile() {
    }

    /** The temporary file a write goes to before its rename: {@code <file>.tmp} next to it. */
    public static Path temporaryOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    /**
     * Replaces {@code file} with {@code bytes}, creating its directory when missing. On a failure the temporary file
     * is removed and the previous {@code file} is intact; an {@link java.nio.file.AtomicMoveNotSupportedException}
     * says the file system cannot rename atomically.
     */
    public static void replace(Path file, byte[] bytes) throws IOException {
        Path tmp = temporaryOf(file);
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw e;
        }
        syncDirectory(file.getParent());
    }

    private static void deleteQuietly(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            // the next write truncates it
            LOG.warn("Cannot remove the partial file {}: {}", tmp, e.getMessage());
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems cannot open directories; the rename is still atomic
            LOG.debug("Cannot fsync directory {}: {}", dir, e.getMessage());
        }
    }
}
