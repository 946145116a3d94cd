package io.tributary.platform;

import io.tributary.stack.StackException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Serialises {@code up} and {@code down} on one data dir across CLI invocations (two concurrent {@code up}s would
 * otherwise both try to start PostgreSQL). An OS file lock: released even if the CLI is killed.
 */
final class DataDirLock implements AutoCloseable {
    static final String FILE = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirLock acquire(Path dataDir, Duration wait) {
        try {
            Files.createDirectories(dataDir);
            FileChannel channel = FileChannel.open(dataDir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock != null) {
                    return new DataDirLock(channel, lock);
                }
                if (System.nanoTime() > deadline) {
                    channel.close();
                    throw new StackException("Another tributary command is working on " + dataDir + " (it holds "
                            + dataDir.resolve(FILE) + "); wait for it to finish, or use another --data-dir");
                }
                Thread.sleep(200);
            }
        } catch (IOException e) {
            throw new StackException("Cannot lock " + dataDir.resolve(FILE) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while waiting for the lock on " + dataDir, e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new StackException("Cannot release " + FILE + ": " + e.getMessage(), e);
        }
    }
}
