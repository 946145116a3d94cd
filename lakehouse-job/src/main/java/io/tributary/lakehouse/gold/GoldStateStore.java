package io.tributary.lakehouse.gold;

import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gold windows' state after each batch, one file per batch ({@code <dir>/<batchId>.state}), next to the query's
 * checkpoint. Batch N starts from the state of the latest batch before N, so a batch replayed after a crash
 * recomputes exactly what it computed before; the state of the two latest batches is kept. The directory is
 * {@code windows} beside the query's {@code checkpoint} (what a state of another version asks to remove names both).
 */
public final class GoldStateStore {

    private static final Logger LOG = LoggerFactory.getLogger(GoldStateStore.class);
    private static final String SUFFIX = ".state";

    private final Path dir;
    private final FileSystem fs;

    public GoldStateStore(String dir, Configuration hadoop) {
        this.dir = new Path(dir);
        try {
            this.fs = this.dir.getFileSystem(hadoop);
        } catch (IOException e) {
            throw new UncheckedIOException("gold state: cannot reach " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The state the given batch starts from: that of the latest stored batch before it, if any. */
    public Optional<GoldWindows> before(long batchId) {
        OptionalLong latest = latestBefore(batchId);
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        Path file = file(latest.getAsLong());
        try (ObjectInputStream in = new ObjectInputStream(fs.open(file))) {
            GoldWindows windows = (GoldWindows) in.readObject();
            LOG.info("gold state of batch {} restored from {} for batch {}", latest.getAsLong(), file, batchId);
            return Optional.of(windows);
        } catch (InvalidClassException e) {
            throw new IllegalStateException("gold state " + file + " was written by another version of the job ("
                    + e.getMessage() + "); to recompute gold from the topics remove " + dir + " and the gold checkpoint "
                    + new Path(dir.getParent(), "checkpoint") + ", the Delta tables under <lake>/gold/ and serving's"
                    + " window tables and progress (docs/gold.md, 'A state from another version')", e);
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("gold state " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Stores the state after the given batch and removes what no restart can need any more. */
    public void save(long batchId, GoldWindows windows) {
        Path file = file(batchId);
        try {
            try (ObjectOutputStream out = new ObjectOutputStream(fs.create(file, true))) {
                out.writeObject(windows);
            }
            for (FileStatus s : list()) {
                long id = batchOf(s.getPath());
                if (id >= 0 && id < batchId - 1) {
                    fs.delete(s.getPath(), false);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("gold state: cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private OptionalLong latestBefore(long batchId) {
        long best = -1;
        for (FileStatus s : list()) {
            long id = batchOf(s.getPath());
            if (id >= 0 && id < batchId && id > best) {
                best = id;
            }
        }
        return best < 0 ? OptionalLong.empty() : OptionalLong.of(best);
    }

    private FileStatus[] list() {
        try {
            return fs.exists(dir) ? fs.listStatus(dir) : new FileStatus[0];
        } catch (IOException e) {
            throw new UncheckedIOException("gold state: cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private Path file(long batchId) {
        return new Path(dir, batchId + SUFFIX);
    }

    private static long batchOf(Path p) {
        String name = p.getName();
        if (!name.endsWith(SUFFIX)) {
            return -1;
        }
        try {
            return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
