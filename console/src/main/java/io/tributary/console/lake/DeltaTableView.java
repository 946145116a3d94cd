package io.tributary.console.lake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * A Delta table of the lake as the console shows it, read from its {@code _delta_log} through the S3 API, without
 * Spark: its versions (operation, metrics, timestamp), and at the latest or a chosen version its live files and
 * schema, replayed from the JSON commits. Commits are immutable, so parsed ones are kept (up to
 * {@link #CACHED_COMMITS}). A checkpoint (Parquet) is not read: when the commits before it were cleaned up the
 * view says so instead of guessing the files. Rows are not read here (that needs a Parquet reader): the view names the
 * console's {@code /api/lake/preview} of the version, which the lakehouse job reads, and the {@code ./tributary sql}
 * query that shows more.
 */
public final class DeltaTableView {
    static final int MAX_LOG_FILES = 20_000;
    static final int CACHED_COMMITS = 5_000;
    static final int VERSIONS_SHOWN = 200;
    private static final long MAX_COMMIT_BYTES = 64L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectStore store;
    private final Map<String, DeltaCommit> commits = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DeltaCommit> eldest) {
            return size() > CACHED_COMMITS;
        }
    });

    public DeltaTableView(ObjectStore store) {
        this.store = store;
    }

    /**
     * {@code table}: the table's prefix ({@code silver/orders/}); {@code version}: empty for the latest. Null when
     * the prefix holds no Delta log.
     */
    public ObjectNode json(String table, OptionalLong version) {
        String prefix = table.endsWith("/") ? table : table + "/";
        ListingPage log = store.listAll(prefix + "_delta_log/", MAX_LOG_FILES);
        TreeMap<Long, String> commitKeys = new TreeMap<>();
        TreeMap<Long, String> checkpoints = new TreeMap<>();
        for (ListingPage.Entry e : log.objects()) {
            DeltaLogFiles.commitVersion(e.key()).ifPresent(v -> commitKeys.put(v, e.key()));
            DeltaLogFiles.checkpointVersion(e.key()).ifPresent(v -> checkpoints.put(v, e.key()));
        }
        if (commitKeys.isEmpty()) {
            return null;
        }
        long latest = commitKeys.lastKey();
        long chosen = version.isPresent() ? version.getAsLong() : latest;
        if (chosen < commitKeys.firstKey() || chosen > latest) {
            throw new IllegalArgumentException("version=" + chosen + ": " + prefix + " has the versions "
                    + commitKeys.firstKey() + " to " + latest + " in its log; choose one of them");
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("table", prefix);
        root.put("latestVersion", latest);
        root.put("version", chosen);
        root.put("logTruncated", log.nextToken() != null);
        ArrayNode checkpointList = root.putArray("checkpoints");
        checkpoints.keySet().forEach(checkpointList::add);

        ArrayNode versions = root.putArray("versions");
        for (Long v : commitKeys.descendingKeySet()) {
            if (versions.size() >= VERSIONS_SHOWN) {
                break;
            }
            versions.add(versionJson(commit(v, commitKeys.get(v))));
        }
        root.put("versionsShown", versions.size());
        root.put("versionCount", commitKeys.size());

        if (commitKeys.firstKey() != 0 || commitKeys.headMap(chosen, true).size() != chosen + 1) {
            long checkpoint = checkpoints.floorKey(chosen) == null ? -1 : checkpoints.floorKey(chosen);
            root.putNull("files");
            root.putNull("schema");
            root.put("stateNote", "the log's commits before version " + commitKeys.firstKey() + " were cleaned up"
                    + (checkpoint >= 0 ? "; the table's state at version " + chosen + " starts from the checkpoint of version "
                    + checkpoint + " (Parquet), which the console does not read" : "")
                    + ": ./tributary sql \"DESCRIBE DETAIL " + sqlName(store.bucket(), prefix) + "\" shows it");
        } else {
            List<DeltaCommit> replay = new ArrayList<>();
            for (Map.Entry<Long, String> e : commitKeys.headMap(chosen, true).entrySet()) {
                replay.add(commit(e.getKey(), e.getValue()));
            }
            DeltaTableState state = DeltaTableState.replay(replay);
            ArrayNode files = root.putArray("files");
            state.liveFiles().forEach(f -> files.addObject().put("path", f.path()).put("size", f.size())
                    .put("modificationTime", Instant.ofEpochMilli(f.modificationTime()).toString())
                    .put("deletionVector", f.deletionVector()));
            root.put("fileCount", state.liveFiles().size());
            root.put("totalBytes", state.totalBytes());
            root.set("schema", DeltaSchemaText.fields(state.schemaString()));
            ArrayNode partitions = root.putArray("partitionColumns");
            state.partitionColumns().forEach(partitions::add);
        }
        ObjectNode preview = root.putObject("preview");
        preview.put("rows", "/api/lake/preview?path=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8) + "&version=" + chosen);
        preview.put("sql", "./tributary sql \"SELECT * FROM " + sqlName(store.bucket(), prefix) + " VERSION AS OF " + chosen + " LIMIT 100\"");
        return root;
    }

    private DeltaCommit commit(long version, String key) {
        DeltaCommit cached = commits.get(key);
        if (cached != null) {
            return cached;
        }
        byte[] bytes = store.get(key, MAX_COMMIT_BYTES).orElseThrow(() -> new IllegalStateException(
                key + " was listed but is gone: the table's log was cleaned up meanwhile; reload the page"));
        DeltaCommit commit = DeltaCommit.parse(version, new String(bytes, StandardCharsets.UTF_8), key);
        commits.put(key, commit);
        return commit;
    }

    private static ObjectNode versionJson(DeltaCommit c) {
        ObjectNode node = JSON.createObjectNode();
        node.put("version", c.version());
        node.put("timestamp", c.timestamp() < 0 ? null : Instant.ofEpochMilli(c.timestamp()).toString());
        node.put("operation", c.operation());
        ObjectNode metrics = node.putObject("operationMetrics");
        c.operationMetrics().forEach(metrics::put);
        node.put("filesAdded", c.added().size());
        node.put("filesRemoved", c.removed().size());
        return node;
    }

    /** The name {@code ./tributary sql} knows the table by: bronze.t, silver_all.t (tombstones too), else its path. */
    static String sqlName(String bucket, String prefix) {
        String[] parts = prefix.split("/");
        if (parts.length == 2 && parts[0].equals("bronze")) {
            return "bronze." + parts[1];
        }
        if (parts.length == 2 && parts[0].equals("silver")) {
            return "silver_all." + parts[1];
        }
        return "delta.`s3a://" + bucket + "/" + prefix.substring(0, prefix.length() - 1) + "`";
    }
}
