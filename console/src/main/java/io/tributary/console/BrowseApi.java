package io.tributary.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.console.lake.LakeBrowser;
import io.tributary.console.lake.ObjectStore;
import io.tributary.console.topics.StreamingCheckpoints;
import io.tributary.console.topics.TopicMessage;
import io.tributary.console.topics.TopicReader;
import io.tributary.console.topics.TopicsView;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The read-only browsing endpoints of the console: the lake through the S3 API, Kafka's topics, the registry's
 * subjects. A request with a bad parameter gets 400 and a message naming it; a source that is not known or does not
 * answer gets 503 and what to check.
 *
 * <pre>
 * GET /api/lake?path=&lt;prefix&gt;&amp;token=&lt;next page&gt;&amp;max=&lt;n&gt;   one page of "folders" and objects
 * GET /api/lake/table?path=&lt;prefix&gt;&amp;version=&lt;v&gt;         a Delta table: versions, live files, schema
 * GET /api/lake/preview?path=&lt;table&gt;&amp;version=&lt;v&gt;       its first 100 rows, read by the lakehouse job ({@link LakePreviewProxy})
 * GET /api/lake/object?key=&lt;key&gt;                         an object's bytes (download)
 * GET /api/topics                                     topics, offsets and the lake's lag
 * GET /api/topics/&lt;topic&gt;?partition=0&amp;last=20 | &amp;from=&lt;offset&gt;   messages, decoded
 * GET /api/schemas/&lt;subject&gt;?from=&lt;v&gt;&amp;to=&lt;v&gt;           versions and their field-by-field difference
 * </pre>
 */
final class BrowseApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<Optional<ObjectStore>> lake;
    private final Supplier<Optional<TopicReader>> topics;
    private final Supplier<RegistryView> registry;
    private final LakePreviewProxy preview;
    private LakeBrowser browser;
    private ObjectStore browserStore;

    BrowseApi(Supplier<Optional<ObjectStore>> lake, Supplier<Optional<TopicReader>> topics, Supplier<RegistryView> registry,
            Supplier<Optional<URI>> lakehouseJob) {
        this.lake = lake;
        this.topics = topics;
        this.registry = registry;
        this.preview = new LakePreviewProxy(lakehouseJob);
    }

    /** The answer for {@code path}, or empty when the path is none of these endpoints. */
    Optional<ConsoleResponse> handle(String path, QueryParameters query) throws IOException {
        try {
            if (path.equals("/api/lake")) {
                return Optional.of(json(lake().listing(query.text("path", ""), query.text("token", null),
                        query.smallNumber("max", LakeBrowser.MAX_PAGE).orElse(LakeBrowser.DEFAULT_PAGE)).toString()));
            }
            if (path.equals("/api/lake/table")) {
                String table = required(query, "path");
                Optional<ObjectNode> view = lake().table(table, query.number("version"));
                return Optional.of(view.isPresent() ? json(view.get().toString())
                        : error(404, table + " is not a Delta table: it has no _delta_log/ with a commit"));
            }
            if (path.equals("/api/lake/preview")) {
                return Optional.of(preview.preview(query));
            }
            if (path.equals("/api/lake/object")) {
                String key = required(query, "key");
                Optional<byte[]> bytes = lake().download(key);
                return Optional.of(bytes.isEmpty() ? error(404, "no object " + key + " in the lake's bucket")
                        : ConsoleResponse.download(key.substring(key.lastIndexOf('/') + 1), bytes.get()));
            }
            if (path.equals("/api/topics")) {
                Map<String, Map<String, Long>> consumed = lakeStore().map(StreamingCheckpoints::consumed).orElse(Map.of());
                return Optional.of(json(TopicsView.topics(topics().topics(), consumed).toString()));
            }
            if (path.startsWith("/api/topics/")) {
                String topic = segment(path, "/api/topics/");
                int partition = query.smallNumber("partition", Integer.MAX_VALUE).orElse(0);
                OptionalLong from = query.number("from");
                int count = query.smallNumber("last", TopicsView.MAX_MESSAGES).orElse(TopicsView.DEFAULT_LAST);
                List<TopicMessage> messages = topics().messages(topic, partition, from, count);
                return Optional.of(json(TopicsView.messages(topic, partition, from, messages).toString()));
            }
            if (path.startsWith("/api/schemas/")) {
                String subject = segment(path, "/api/schemas/");
                int from = query.smallNumber("from", Integer.MAX_VALUE).orElse(0);
                int to = query.smallNumber("to", Integer.MAX_VALUE).orElse(0);
                Optional<ObjectNode> view = registry.get().subject(subject, from, to);
                return Optional.of(view.isPresent() ? json(view.get().toString())
                        : error(404, "the registry has no subject " + subject + " (or does not answer): /schemas lists them"));
            }
        } catch (IllegalArgumentException e) {
            return Optional.of(error(400, e.getMessage()));
        } catch (SourceUnavailable | IllegalStateException e) {
            return Optional.of(error(503, e.getMessage()));
        } catch (SdkException e) {
            return Optional.of(error(503, "the lake's S3 did not answer: " + e.getMessage()
                    + " (./tributary status shows whether s3 runs)"));
        }
        return Optional.empty();
    }

    /** One browser per store, kept: its Delta view caches the commits it parsed. */
    private synchronized LakeBrowser lake() {
        ObjectStore store = lakeStore().orElseThrow(() -> new SourceUnavailable("the lake's S3 is not known to the"
                + " console: is the stack up (./tributary status)?"));
        if (browser == null || browserStore != store) {
            browser = new LakeBrowser(store);
            browserStore = store;
        }
        return browser;
    }

    private Optional<ObjectStore> lakeStore() {
        return lake.get();
    }

    private TopicReader topics() {
        return topics.get().orElseThrow(() -> new SourceUnavailable("Kafka is not known to the console: is the stack up"
                + " (./tributary status)?"));
    }

    private static String required(QueryParameters query, String name) {
        String value = query.text(name, "");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("the parameter " + name + " is missing");
        }
        return value;
    }

    private static String segment(String path, String prefix) {
        String name = URLDecoder.decode(path.substring(prefix.length()), StandardCharsets.UTF_8);
        if (name.isEmpty() || name.contains("/")) {
            throw new IllegalArgumentException("name one topic or subject after " + prefix + ", got '" + name + "'");
        }
        return name;
    }

    private static ConsoleResponse json(String body) {
        return ConsoleResponse.json(200, body);
    }

    private static ConsoleResponse error(int status, String message) {
        return ConsoleResponse.json(status, JSON.createObjectNode().put("error", message).toString());
    }

    /** A source the console needs is not known or does not answer. */
    static final class SourceUnavailable extends RuntimeException {
        SourceUnavailable(String message) {
            super(message);
        }
    }
}
