package io.tributary.cdc.parking;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.cdc.monitor.CdcMetrics;
import io.tributary.cdc.offsets.DurableFile;
import io.tributary.cdc.pipeline.EngineStopException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parked tables, in memory and in a small JSON file next to the offsets file ({@code parked-tables.json}).
 *
 * <p>Durability rule: a batch that parks a table writes this file (temporary name, fsync, atomic rename) after Kafka
 * acknowledged the batch's parked changes and BEFORE the batch's offsets are committed. A restart therefore never
 * resumes past a parked change with the table unparked: either the offsets are behind the parking (the batch is
 * replayed and parks the table again) or the file says parked. A failed write stops the engine like a failed
 * offsets write. Thread-safe: the batch handler parks, the HTTP operations resume.
 */
public final class ParkedTables {
    private static final Logger LOG = LoggerFactory.getLogger(ParkedTables.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final int FORMAT = 1;

    private final Path file;
    private final CdcMetrics metrics;
    private final Map<String, ParkedTable> parked = new ConcurrentSkipListMap<>();
    private boolean dirty;

    private ParkedTables(Path file, CdcMetrics metrics) {
        this.file = file.toAbsolutePath();
        this.metrics = metrics;
    }

    /** The parked-tables file that belongs to an offsets file. */
    public static Path fileNextTo(Path offsetsFile) {
        return offsetsFile.toAbsolutePath().resolveSibling("parked-tables.json");
    }

    /** Reads the file (absent: nothing parked); logs every parked table once at WARN. */
    public static ParkedTables load(Path file, CdcMetrics metrics) {
        ParkedTables tables = new ParkedTables(file, metrics);
        byte[] content;
        try {
            content = Files.readAllBytes(tables.file);
        } catch (NoSuchFileException e) {
            return tables;
        } catch (IOException e) {
            throw new ParkedStateException("Cannot read the parked-tables file " + tables.file + ": " + e.getMessage(), e);
        }
        try {
            JsonNode root = JSON.readTree(content);
            if (root == null || root.path("format").asInt() != FORMAT || !root.path("tables").isArray()) {
                throw new IOException("not a format-" + FORMAT + " parked-tables file");
            }
            for (JsonNode t : root.get("tables")) {
                ParkedTable p = new ParkedTable(text(t, "table"), text(t, "topic"), text(t, "parkingTopic"),
                        text(t, "incident"), t.hasNonNull("sinceLsn") ? t.get("sinceLsn").asLong() : null,
                        TableFailure.Kind.ofLabel(text(t, "kind")), t.hasNonNull("column") ? t.get("column").asText() : null,
                        text(t, "reason"), Instant.parse(text(t, "parkedAt")));
                tables.parked.put(p.table(), p);
                metrics.tableParked(p.table(), p.kind().label());
                LOG.warn("Table {} is PARKED since LSN {} ({}, {}): {}. Its changes keep going to topic {}; every other "
                        + "table streams. To fix: {}", p.table(), lsn(p.sinceLsn()), p.kind().label(), p.parkedAt(), p.reason(),
                        p.parkingTopic(), p.fix());
            }
        } catch (IOException | RuntimeException e) {
            throw new ParkedStateException("The parked-tables file " + tables.file + " is damaged (" + e.getMessage()
                    + "). The engine will not guess which tables are parked (it would stream a parked table's later "
                    + "changes ahead of its parked ones). Restore it from a backup; if no table was parked, delete it.", e);
        }
        return tables;
    }

    private static String text(JsonNode node, String field) throws IOException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IOException("a table entry has no '" + field + "'");
        }
        return v.asText();
    }

    /** {@code 26274200 (0/190E998)}: the number in the records and PostgreSQL's notation of pg_replication_slots. */
    static String lsn(Long lsn) {
        return lsn == null ? "unknown" : lsn + " (" + Long.toHexString(lsn >>> 32).toUpperCase() + "/"
                + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase() + ")";
    }

    /** The parked state of {@code table}, or null when it streams normally. */
    public ParkedTable get(String table) {
        return table == null ? null : parked.get(table);
    }

    public List<ParkedTable> all() {
        return List.copyOf(parked.values());
    }

    /**
     * Parks the table of {@code failure} in memory (written by the next {@link #persistIfChanged()}); logs it once at
     * WARN with table, LSN, reason and the fix.
     */
    public synchronized ParkedTable park(TableFailure failure, String parkingTopic, Instant now) {
        ParkedTable existing = parked.get(failure.table());
        if (existing != null) {
            return existing;
        }
        ParkedTable p = new ParkedTable(failure.table(), failure.topic(), parkingTopic, UUID.randomUUID().toString(),
                failure.lsn(), failure.kind(), failure.column(), failure.reason(), now);
        parked.put(p.table(), p);
        dirty = true;
        metrics.tableParked(p.table(), p.kind().label());
        String message = "Table {} is PARKED at LSN {} ({}{}): {}. This change and every later change of the table go, "
                + "in order, to topic {}; every other table keeps streaming and the slot keeps advancing. To fix: {}";
        Object[] args = {p.table(), lsn(p.sinceLsn()), p.kind().label(), p.column() == null ? "" : ", column " + p.column(),
                p.reason(), p.parkingTopic(), p.fix()};
        if (failure.kind() == TableFailure.Kind.CONVERSION_ERROR && failure.cause() != null) {
            Object[] withCause = java.util.Arrays.copyOf(args, args.length + 1);
            withCause[args.length] = failure.cause();
            LOG.warn(message, withCause);
        } else {
            LOG.warn(message, args);
        }
        return p;
    }

    /** Writes the file if a table was parked since the last write; call before committing offsets. */
    public synchronized void persistIfChanged() {
        if (dirty) {
            write(List.copyOf(parked.values()));
            dirty = false;
        }
    }

    /** Unparks {@code table} durably: on a failed write it stays parked. */
    public synchronized void unpark(String table) {
        List<ParkedTable> remaining = new ArrayList<>(parked.values());
        remaining.removeIf(p -> p.table().equals(table));
        write(remaining);
        parked.remove(table);
        dirty = false;
        metrics.tableResumed(table);
    }

    private void write(List<ParkedTable> tables) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("comment", "Tables cdc-engine has parked (see docs/reliability.md, Parked tables). Written before the "
                + "offsets; delete an entry only together with the table's parked records.");
        ArrayNode list = root.putArray("tables");
        for (ParkedTable p : tables) {
            ObjectNode t = list.addObject();
            t.put("table", p.table());
            t.put("topic", p.topic());
            t.put("parkingTopic", p.parkingTopic());
            t.put("incident", p.incident());
            if (p.sinceLsn() == null) {
                t.putNull("sinceLsn");
            } else {
                t.put("sinceLsn", p.sinceLsn());
            }
            t.put("kind", p.kind().label());
            t.put("column", p.column());
            t.put("reason", p.reason());
            t.put("parkedAt", p.parkedAt().toString());
        }
        try {
            DurableFile.replace(file, JSON.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new ParkedStateException("Cannot write the parked-tables file " + file + ": " + e
                    + ". The previous file is intact and nothing of this batch was committed; free space in "
                    + file.getParent() + " (or fix its permissions), then restart the engine", e);
        }
    }

    /** The parked-tables file cannot be read or written: the engine stops (like a failed offsets write). */
    public static final class ParkedStateException extends EngineStopException {
        public ParkedStateException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
