package io.tributary.console.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One commit of a Delta table, parsed from its {@code _delta_log/<version>.json} (one action per line): the
 * commitInfo (timestamp, operation, its metrics), the files it added and removed, and the table's metadata when the
 * commit changed it (schema, partition columns). Pure.
 */
public record DeltaCommit(long version, long timestamp, String operation, Map<String, String> operationMetrics,
        List<AddedFile> added, List<String> removed, String schemaString, List<String> partitionColumns) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A file the commit added: its path relative to the table, size, modification time, whether it has a deletion vector. */
    public record AddedFile(String path, long size, long modificationTime, boolean deletionVector) {
    }

    /** The commit of {@code version} from the text of its log file ({@code file} is named in errors). */
    public static DeltaCommit parse(long version, String text, String file) {
        long timestamp = -1;
        String operation = null;
        Map<String, String> metrics = new LinkedHashMap<>();
        List<AddedFile> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        String schema = null;
        List<String> partitionColumns = null;
        int lineNumber = 0;
        for (String line : text.split("\n")) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode action;
            try {
                action = JSON.readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException(file + " line " + lineNumber + " is not a JSON action of a Delta log: "
                        + e.getMessage(), e);
            }
            if (action.has("commitInfo")) {
                JsonNode info = action.get("commitInfo");
                timestamp = info.path("timestamp").asLong(-1);
                operation = info.path("operation").asText(null);
                info.path("operationMetrics").fields().forEachRemaining(e -> metrics.put(e.getKey(), e.getValue().asText()));
            } else if (action.has("add")) {
                JsonNode add = action.get("add");
                added.add(new AddedFile(add.path("path").asText(), add.path("size").asLong(),
                        add.path("modificationTime").asLong(), add.hasNonNull("deletionVector")));
            } else if (action.has("remove")) {
                removed.add(action.get("remove").path("path").asText());
            } else if (action.has("metaData")) {
                JsonNode meta = action.get("metaData");
                schema = meta.path("schemaString").asText(null);
                partitionColumns = new ArrayList<>();
                for (JsonNode c : meta.path("partitionColumns")) {
                    partitionColumns.add(c.asText());
                }
            }
        }
        return new DeltaCommit(version, timestamp, operation, metrics, List.copyOf(added), List.copyOf(removed), schema,
                partitionColumns == null ? null : List.copyOf(partitionColumns));
    }
}
