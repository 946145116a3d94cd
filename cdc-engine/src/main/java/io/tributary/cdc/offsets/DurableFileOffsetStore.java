package io.tributary.cdc.offsets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;
import org.apache.kafka.connect.storage.OffsetUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offset store for the embedded engine that survives {@code kill -9}.
 *
 * <p>Kafka Connect's {@code FileOffsetBackingStore} rewrites its file in place and reads an empty or truncated
 * file as "no offsets": a kill during a write made the next start take a new snapshot and silently skip every
 * change committed since the last offset (found by our kill test). This store writes a checksummed file to a
 * temporary name, fsyncs it and renames it atomically over the old one, and refuses to start on a damaged file.
 *
 * <p>A failed write (e.g. ENOSPC) leaves the previous file untouched and removes the temporary one. Debezium only
 * logs a failed offset flush and keeps streaming (the slot then never advances); so the failure is also recorded
 * here per file, and the batch handler asks {@link #checkWritten(Path)} after each commit and stops the engine.
 *
 * <p>Configured through Debezium's {@code offset.storage} (this class) and {@code offset.storage.file.filename}.
 */
public final class DurableFileOffsetStore extends MemoryOffsetBackingStore {
    private static final Logger LOG = LoggerFactory.getLogger(DurableFileOffsetStore.class);

    /** The last failed write per offsets file (absolute path), until a write of that file succeeds. */
    private static final Map<Path, OffsetsNotWrittenException> FAILED_WRITES = new ConcurrentHashMap<>();

    private final Map<String, Set<Map<String, Object>>> connectorPartitions = new HashMap<>();
    private final JsonConverter keyConverter = new JsonConverter();
    private Path file;

    public DurableFileOffsetStore() {
        keyConverter.configure(Map.of("schemas.enable", "false", "converter.type", "key"));
    }

    @Override
    public void configure(WorkerConfig config) {
        super.configure(config);
        String name = config.originalsStrings().get("offset.storage.file.filename");
        if (name == null || name.isBlank()) {
            throw new ConnectException("offset.storage.file.filename is not set");
        }
        file = Path.of(name).toAbsolutePath();
    }

    /** Throws the failure of the last write of {@code offsetsFile} if that write failed. */
    public static void checkWritten(Path offsetsFile) {
        OffsetsNotWrittenException failure = FAILED_WRITES.get(offsetsFile.toAbsolutePath());
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public synchronized void start() {
        super.start();
        load();
    }

    private void load() {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            LOG.info("No offsets file {} yet: the engine starts from the beginning (snapshot mode decides)", file);
            return;
        } catch (IOException e) {
            throw new ConnectException("Cannot read the offsets file " + file + ": " + e.getMessage(), e);
        }
        try {
            data = new HashMap<>(OffsetFileFormat.decode(content));
        } catch (OffsetFileFormat.CorruptOffsetsException e) {
            throw new ConnectException("The offsets file " + file + " is damaged: " + e.getMessage() + ". The engine "
                    + "will not guess a position (that would lose or repeat changes). Restore the file from a backup, or "
                    + "delete it AND drop the replication slot to take a new snapshot.");
        }
        for (Map.Entry<ByteBuffer, ByteBuffer> e : data.entrySet()) {
            OffsetUtils.processPartitionKey(array(e.getKey()), array(e.getValue()), keyConverter, connectorPartitions);
        }
        LOG.info("Loaded {} offset(s) from {}", data.size(), file);
    }

    @Override
    protected void save() {
        try {
            DurableFile.replace(file, OffsetFileFormat.encode(data));
        } catch (AtomicMoveNotSupportedException e) {
            throw failed("The file system of " + file + " cannot rename atomically; put the data dir on a local "
                    + "file system", e);
        } catch (IOException e) {
            String reason = isOutOfSpace(e) ? "no space left on device in " + file.getParent()
                    + " (free space there, or point TRIBUTARY_CDC_DATA_DIR to a larger volume)" : e.toString();
            throw failed("Cannot write the offsets file " + file + ": " + reason + ". The previous offsets file is "
                    + "intact and the engine stops; once fixed, a restart resumes from the previous offsets (changes "
                    + "since then are sent again, none is lost)", e);
        }
        FAILED_WRITES.remove(file);
        for (Map.Entry<ByteBuffer, ByteBuffer> e : data.entrySet()) {
            OffsetUtils.processPartitionKey(array(e.getKey()), array(e.getValue()), keyConverter, connectorPartitions);
        }
    }

    private ConnectException failed(String message, IOException cause) {
        OffsetsNotWrittenException failure = new OffsetsNotWrittenException(message, cause);
        FAILED_WRITES.put(file, failure);
        LOG.warn(message);
        return new ConnectException(message, failure);
    }

    static boolean isOutOfSpace(IOException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("No space left on device") || message.contains("Disk quota exceeded");
    }

    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        return connectorPartitions.getOrDefault(connectorName, new HashSet<>());
    }

    private static byte[] array(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        ByteBuffer b = buffer.duplicate();
        byte[] raw = new byte[b.remaining()];
        b.get(raw);
        return raw;
    }
}
