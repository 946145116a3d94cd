package io.tributary.lakehouse.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a Structured Streaming offset-log entry ({@code <checkpoint>/offsets/<batch>}): line 1 the version
 * ({@code v1}), line 2 the batch metadata, then one line per source. For the Kafka source that line is
 * {@code {"topic":{"partition":nextOffset,...},...}}: the offsets the batch read up to (exclusive). Pure.
 */
public final class CheckpointOffsets {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckpointOffsets() {
    }

    /** topic-partition ({@code topic#partition}) -> next offset to read, for the single Kafka source. */
    public static Map<String, Long> parse(String content, String file) {
        List<String> lines = content.lines().filter(l -> !l.isBlank()).toList();
        if (lines.size() < 3 || !lines.get(0).startsWith("v")) {
            throw new IllegalArgumentException(file + ": not a Structured Streaming offset log entry (expected a"
                    + " version line, a metadata line and a source line; found " + lines.size() + " lines)");
        }
        return sourceOffsets(lines.get(2), file);
    }

    /**
     * The Kafka source's offsets JSON ({@code {"topic":{"partition":offset,...},...}}, as in the offset log and in a
     * query progress's {@code endOffset}) as {@code topic#partition} -> offset.
     */
    public static Map<String, Long> sourceOffsets(String json, String where) {
        Map<String, Long> offsets = new HashMap<>();
        try {
            JsonNode source = JSON.readTree(json);
            for (Iterator<Map.Entry<String, JsonNode>> topics = source.fields(); topics.hasNext(); ) {
                Map.Entry<String, JsonNode> topic = topics.next();
                for (Iterator<Map.Entry<String, JsonNode>> parts = topic.getValue().fields(); parts.hasNext(); ) {
                    Map.Entry<String, JsonNode> p = parts.next();
                    offsets.put(topic.getKey() + "#" + p.getKey(), p.getValue().asLong());
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": the Kafka source offsets are not JSON: " + e.getMessage(), e);
        }
        return offsets;
    }

    /**
     * The partitions whose end offset the job has not consumed yet, as {@code topic#partition consumed/end}; empty
     * when the job is caught up. A partition missing from the checkpoint counts as consumed up to 0.
     */
    public static List<String> behind(Map<String, Long> endOffsets, Map<String, Long> consumed) {
        return endOffsets.entrySet().stream()
                .filter(e -> e.getValue() > consumed.getOrDefault(e.getKey(), 0L))
                .map(e -> e.getKey() + " " + consumed.getOrDefault(e.getKey(), 0L) + "/" + e.getValue())
                .sorted()
                .toList();
    }
}
