package io.tributary.console.topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.console.lake.ListingPage;
import io.tributary.console.lake.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * How far each streaming query of the lake has consumed Kafka, read from its checkpoint on the lake
 * ({@code _checkpoints/<query>/}): the newest batch in {@code commits/} and, for it, the Kafka source's line of
 * {@code offsets/<batch>}: per topic and partition the next offset to read. Batches planned but not committed do
 * not count: their data may not be in the lake yet.
 */
public final class StreamingCheckpoints {
    static final String ROOT = "_checkpoints/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BATCH_FILES = 10_000;

    private StreamingCheckpoints() {
    }

    /** Query name to ("topic#partition" to the next offset it reads), for every query that has committed a batch. */
    public static Map<String, Map<String, Long>> consumed(ObjectStore store) {
        Map<String, Map<String, Long>> result = new TreeMap<>();
        for (String query : store.list(ROOT, null, 1000).prefixes()) {
            String name = query.substring(ROOT.length(), query.length() - 1);
            OptionalLong batch = newestBatch(store.listAll(query + "commits/", MAX_BATCH_FILES));
            if (batch.isEmpty()) {
                continue;
            }
            String file = query + "offsets/" + batch.getAsLong();
            store.get(file, 1L << 20).ifPresent(bytes -> result.put(name, parse(new String(bytes, StandardCharsets.UTF_8), file)));
        }
        return result;
    }

    static OptionalLong newestBatch(ListingPage commits) {
        return commits.objects().stream().map(e -> e.key().substring(e.key().lastIndexOf('/') + 1))
                .filter(n -> n.matches("\\d+")).mapToLong(Long::parseLong).max();
    }

    /**
     * An offset-log entry: a version line ({@code v1}), the batch's metadata, then one line per source; the Kafka
     * source's is {@code {"topic":{"0":next,...}}}. Sources that are not Kafka's (a Delta source) are skipped.
     */
    static Map<String, Long> parse(String content, String file) {
        List<String> lines = content.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty() || !lines.get(0).startsWith("v")) {
            throw new IllegalArgumentException(file + ": not a Structured Streaming offset log entry (no version line)");
        }
        Map<String, Long> offsets = new LinkedHashMap<>();
        for (String line : lines.subList(Math.min(2, lines.size()), lines.size())) {
            JsonNode source;
            try {
                source = JSON.readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": a source line is not JSON: " + e.getMessage(), e);
            }
            source.fields().forEachRemaining(topic -> {
                if (topic.getValue().isObject()) {
                    topic.getValue().fields().forEachRemaining(p -> {
                        if (p.getValue().isNumber() && p.getKey().matches("\\d+")) {
                            offsets.put(topic.getKey() + "#" + p.getKey(), p.getValue().asLong());
                        }
                    });
                }
            });
        }
        return offsets;
    }
}
