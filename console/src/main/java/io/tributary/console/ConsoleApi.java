package io.tributary.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.console.lake.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * What the console answers, method and path in, response out; no server (the {@link ConsoleServer} adapts it). GETs
 * are read-only and open to anyone on 127.0.0.1; the actions (POST) need the console's token as
 * {@code Authorization: Bearer <token>}.
 *
 * <pre>
 * GET  /                      the page
 * GET  /static/&lt;file&gt;         its script, style and the chart library (vendor/)
 * GET  /api/status            what `tributary status --json` prints
 * GET  /api/series            rates and lags over the last 15 minutes (MetricHistory)
 * GET  /api/tables            per table: PostgreSQL rows, captured, bronze, merged, silver at the latest reconcile
 * GET  /api/reconcile         the latest reconcile report, or null
 * GET  /api/registry          subjects, versions and compatibility levels
 * GET  /api/quarantine        quarantined records, and the lake page that previews them with their reasons
 * GET  /api/chaos             the latest chaos summary line, or null
 * GET  /api/links             other pages to link to: the lakehouse job's Spark UI, or null
 * GET  /lake, /topics, /topics/&lt;topic&gt;, /schemas, /schemas/&lt;subject&gt;   the browsing page (browse.html)
 * GET  /api/lake..., /api/topics..., /api/schemas/...   what it shows ({@link BrowseApi})
 * POST /api/actions/reconcile start a reconcile (token needed)
 * </pre>
 */
public final class ConsoleApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> STATIC_TYPES = Map.of(".html", "text/html; charset=utf-8",
            ".js", "text/javascript; charset=utf-8", ".css", "text/css; charset=utf-8", "LICENSE", ConsoleResponse.TEXT);

    private final ConsoleSources sources;
    private final MetricHistory history;
    private final ConsoleToken token;
    private final Supplier<RegistryView> registry;
    private final BrowseApi browse;

    public ConsoleApi(ConsoleSources sources, MetricHistory history, ConsoleToken token) {
        this(sources, history, token, () -> RegistryView.over(sources.registryUrl()), new LakeStores(sources::lake)::current);
    }

    ConsoleApi(ConsoleSources sources, MetricHistory history, ConsoleToken token, Supplier<RegistryView> registry) {
        this(sources, history, token, registry, Optional::empty);
    }

    ConsoleApi(ConsoleSources sources, MetricHistory history, ConsoleToken token, Supplier<RegistryView> registry,
            Supplier<Optional<ObjectStore>> lake) {
        this.sources = sources;
        this.history = history;
        this.token = token;
        this.registry = registry;
        this.browse = new BrowseApi(lake, sources::topicReader, registry, sources::lakehouseJobUrl);
    }

    /** {@code target}: the request's raw path and query ({@code /api/lake?path=silver%2F}). */
    public ConsoleResponse handle(String method, String target, String authorization) throws IOException {
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        QueryParameters query = new QueryParameters(q < 0 ? null : target.substring(q + 1));
        if (path.equals("/api/actions/reconcile")) {
            if (!method.equals("POST")) {
                return ConsoleResponse.text(405, "POST only\n");
            }
            if (!token.authorizes(authorization)) {
                return ConsoleResponse.json(401, error("this action needs the console token: send 'Authorization: Bearer "
                        + "<token>'; `tributary up` prints it, and it is in the data dir's secrets/" + ConsoleToken.FILE_NAME));
            }
            ConsoleSources.ReconcileStart start = sources.startReconcile();
            ObjectNode body = JSON.createObjectNode().put("started", start.started()).put("message", start.message());
            if (!start.started()) {
                body.put("error", start.message());
            }
            return ConsoleResponse.json(start.started() ? 202 : 409, body.toString());
        }
        if (!method.equals("GET")) {
            return ConsoleResponse.text(405, "the console is read-only except POST /api/actions/*\n");
        }
        Optional<ConsoleResponse> browsed = browse.handle(path, query);
        if (browsed.isPresent()) {
            return browsed.get();
        }
        if (path.equals("/lake") || path.equals("/topics") || path.startsWith("/topics/") || path.equals("/schemas")
                || path.startsWith("/schemas/")) {
            return resource("browse.html");
        }
        return switch (path) {
            case "/", "/index.html" -> resource("index.html");
            case "/api/status" -> ConsoleResponse.json(200, sources.statusJson());
            case "/api/series" -> ConsoleResponse.json(200, history.seriesJson().toString());
            case "/api/tables" -> ConsoleResponse.json(200, tables().toString());
            case "/api/reconcile" -> ConsoleResponse.json(200, reconcile().toString());
            case "/api/registry" -> ConsoleResponse.json(200, registry.get().json().toString());
            case "/api/quarantine" -> ConsoleResponse.json(200, quarantine().toString());
            case "/api/links" -> ConsoleResponse.json(200,
                    JSON.createObjectNode().put("sparkUi", sources.sparkUiUrl().orElse(null)).toString());
            case "/api/chaos" -> ConsoleResponse.json(200,
                    JSON.createObjectNode().put("summary", sources.lastChaosSummary().orElse(null)).toString());
            default -> path.startsWith("/static/") ? resource(path.substring("/static/".length()))
                    : ConsoleResponse.text(404, "no such page: " + path + "\n");
        };
    }

    private ArrayNode tables() {
        ArrayNode array = JSON.createArrayNode();
        for (TableCounts t : sources.tables()) {
            ObjectNode node = array.addObject().put("table", t.table());
            put(node, "postgres", t.postgresRows());
            put(node, "captured", t.captured());
            put(node, "bronze", t.bronze());
            put(node, "merged", t.merged());
            put(node, "silverAtReconcile", t.silverRowsAtReconcile());
        }
        return array;
    }

    private ObjectNode reconcile() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        JsonNode report = sources.lastReconcileJson().isPresent() ? JSON.readTree(sources.lastReconcileJson().get()) : null;
        root.set("report", report);
        return root;
    }

    private ObjectNode quarantine() {
        ObjectNode root = JSON.createObjectNode();
        put(root, "quarantined", sources.quarantined());
        root.put("where", "the lake's quarantine table keeps each poison record with its reason: "
                + "./tributary sql \"SELECT * FROM quarantine\"");
        root.put("page", "/lake?path=quarantine%2F");
        return root;
    }

    private static void put(ObjectNode node, String field, OptionalLong value) {
        if (value.isPresent()) {
            node.put(field, value.getAsLong());
        } else {
            node.putNull(field);
        }
    }

    private static String error(String message) {
        return JSON.createObjectNode().put("error", message).toString();
    }

    /** A file of the page from the jar ({@code console/...}); names with ".." or unknown types are not served. */
    private static ConsoleResponse resource(String name) throws IOException {
        String type = STATIC_TYPES.entrySet().stream().filter(e -> name.endsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(null);
        if (name.contains("..") || name.startsWith("/") || type == null) {
            return ConsoleResponse.text(404, "no such file: " + name + "\n");
        }
        try (InputStream in = ConsoleApi.class.getResourceAsStream("/console/" + name)) {
            if (in == null) {
                return ConsoleResponse.text(404, "no such file: " + name + "\n");
            }
            return new ConsoleResponse(200, type, in.readAllBytes());
        }
    }
}
