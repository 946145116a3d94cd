package io.tributary.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Confluent Schema Registry REST API (Avro) over {@link SchemaRegistryService}, served by Javalin:
 * Confluent's paths, bodies, status codes, error bodies and content types.
 */
public final class RegistryHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpServer.class);
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Set<String> ACCEPTED_REQUEST_TYPES = Set.of(
            "application/vnd.schemaregistry.v1+json", "application/vnd.schemaregistry+json", "application/json",
            "application/octet-stream");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaRegistryService service;
    private final long maxRequestBytes;
    private final Javalin app;

    public RegistryHttpServer(SchemaRegistryService service, long maxRequestBytes) {
        this.service = service;
        this.maxRequestBytes = maxRequestBytes;
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.http.maxRequestSize = maxRequestBytes;
            config.http.defaultContentType = CONTENT_TYPE;
            config.jetty.threadPool = new QueuedThreadPool(32, 2, 60_000);
        });
        routes();
    }

    /** Starts listening; port 0 picks a free port (see {@link #port()}). */
    public RegistryHttpServer start(String host, int port) {
        app.start(host, port);
        LOG.info("Schema registry REST API listening on http://{}:{}", host, app.port());
        return this;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    private void routes() {
        app.before(this::checkContentType);

        app.get("/", ctx -> json(ctx, JSON.createObjectNode()));
        app.get("/schemas/types", ctx -> json(ctx, JSON.createArrayNode().add("AVRO")));
        app.get("/schemas/ids/{id}", ctx -> {
            ObjectNode body = JSON.createObjectNode();
            body.put("schema", service.schemaById(id(ctx)));
            json(ctx, body);
        });
        app.get("/schemas/ids/{id}/schema", ctx -> raw(ctx, service.schemaById(id(ctx))));
        app.get("/schemas/ids/{id}/versions", ctx -> {
            ArrayNode body = JSON.createArrayNode();
            service.versionsOfId(id(ctx), flag(ctx, "deleted")).forEach(v -> body.addObject()
                    .put("subject", v.subject()).put("version", v.version()));
            json(ctx, body);
        });
        app.get("/schemas/ids/{id}/subjects", ctx -> {
            ArrayNode body = JSON.createArrayNode();
            service.versionsOfId(id(ctx), flag(ctx, "deleted")).stream().map(SchemaRegistryService.SubjectVersion::subject)
                    .distinct().forEach(body::add);
            json(ctx, body);
        });

        app.get("/schemas", ctx -> {
            ArrayNode body = JSON.createArrayNode();
            service.allVersions(flag(ctx, "deleted"), flag(ctx, "latestOnly"), ctx.queryParam("subjectPrefix"))
                    .forEach(v -> body.add(versionBody(v)));
            json(ctx, body);
        });
        app.get("/mode", ctx -> json(ctx, JSON.createObjectNode().put("mode", "READWRITE")));
        app.get("/mode/{subject}", ctx -> json(ctx, JSON.createObjectNode().put("mode", "READWRITE")));

        app.get("/subjects", ctx -> json(ctx, strings(service.subjects(flag(ctx, "deleted"), ctx.queryParam("subjectPrefix")))));
        app.post("/subjects/{subject}", ctx -> {
            JsonNode request = body(ctx);
            json(ctx, versionBody(service.lookup(subject(ctx), text(request, "schema"), text(request, "schemaType"),
                    flag(ctx, "deleted"))));
        });
        app.delete("/subjects/{subject}", ctx ->
                json(ctx, ints(service.deleteSubject(subject(ctx), flag(ctx, "permanent")))));
        app.get("/subjects/{subject}/versions", ctx -> json(ctx, ints(service.versions(subject(ctx), flag(ctx, "deleted")))));
        app.post("/subjects/{subject}/versions", ctx -> {
            JsonNode request = body(ctx);
            rejectReferences(request);
            ObjectNode body = JSON.createObjectNode();
            body.put("id", service.register(subject(ctx), text(request, "schema"), text(request, "schemaType")));
            json(ctx, body);
        });
        app.get("/subjects/{subject}/versions/{version}", ctx ->
                json(ctx, versionBody(service.version(subject(ctx), version(ctx), flag(ctx, "deleted")))));
        app.get("/subjects/{subject}/versions/{version}/schema", ctx ->
                raw(ctx, service.version(subject(ctx), version(ctx), flag(ctx, "deleted")).schema()));
        app.get("/subjects/{subject}/versions/{version}/referencedby", ctx -> {
            service.version(subject(ctx), version(ctx), true);
            json(ctx, JSON.createArrayNode());
        });
        app.delete("/subjects/{subject}/versions/{version}", ctx ->
                json(ctx, JSON.getNodeFactory().numberNode(service.deleteVersion(subject(ctx), version(ctx),
                        flag(ctx, "permanent")))));

        app.post("/compatibility/subjects/{subject}/versions/{version}", ctx -> compatibility(ctx, version(ctx)));
        app.post("/compatibility/subjects/{subject}/versions", ctx -> compatibility(ctx, null));

        app.get("/config", ctx -> json(ctx, levelBody("compatibilityLevel", service.globalLevel())));
        app.put("/config", ctx -> {
            CompatibilityLevel level = level(body(ctx));
            service.setGlobalLevel(level);
            json(ctx, levelBody("compatibility", level));
        });
        app.delete("/config", ctx -> json(ctx, levelBody("compatibilityLevel", service.deleteGlobalLevel())));
        app.get("/config/{subject}", ctx ->
                json(ctx, levelBody("compatibilityLevel", service.subjectLevel(subject(ctx), flag(ctx, "defaultToGlobal")))));
        app.put("/config/{subject}", ctx -> {
            CompatibilityLevel level = level(body(ctx));
            service.setSubjectLevel(subject(ctx), level);
            json(ctx, levelBody("compatibility", level));
        });
        app.delete("/config/{subject}", ctx ->
                json(ctx, levelBody("compatibilityLevel", service.deleteSubjectLevel(subject(ctx)))));

        app.exception(RegistryException.class, (e, ctx) -> {
            if (e.httpStatus() >= 500) {
                LOG.error("{} {} failed: {}", ctx.method(), ctx.path(), e.getMessage(), e);
            } else {
                LOG.debug("{} {} -> {} {}", ctx.method(), ctx.path(), e.errorCode(), e.getMessage());
            }
            error(ctx, e.httpStatus(), e.errorCode(), e.getMessage());
        });
        app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getStatus(), httpMessage(e)));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed unexpectedly", ctx.method(), ctx.path(), e);
            error(ctx, 500, 500, "Internal Server Error: " + e.getClass().getSimpleName());
        });
    }

    private void compatibility(Context ctx, VersionSpec spec) {
        JsonNode request = body(ctx);
        rejectReferences(request);
        SchemaRegistryService.CompatibilityResult result =
                service.testCompatibility(subject(ctx), spec, text(request, "schema"), text(request, "schemaType"));
        ObjectNode body = JSON.createObjectNode();
        body.put("is_compatible", result.compatible());
        if (flag(ctx, "verbose")) {
            ArrayNode messages = body.putArray("messages");
            result.messages().forEach(messages::add);
        }
        json(ctx, body);
    }

    private void checkContentType(Context ctx) {
        String method = ctx.method().name();
        if (!method.equals("POST") && !method.equals("PUT")) {
            return;
        }
        String type = ctx.header("Content-Type");
        if (type == null || type.isBlank()) {
            return;
        }
        String mediaType = type.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!ACCEPTED_REQUEST_TYPES.contains(mediaType)) {
            throw new RegistryException(415, 415, "HTTP 415 Unsupported Media Type: use Content-Type "
                    + CONTENT_TYPE + " (or application/json)");
        }
    }

    /** Reads the body, at most {@code maxRequestBytes} (also when the client sends no Content-Length). */
    private JsonNode body(Context ctx) {
        byte[] bytes;
        try (InputStream in = ctx.req().getInputStream()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxRequestBytes + 1));
        } catch (IOException e) {
            throw new RegistryException(400, 400, "Could not read the request body: " + e.getMessage());
        }
        if (bytes.length > maxRequestBytes) {
            throw new RegistryException(413, 413, "Request body larger than " + maxRequestBytes + " bytes");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new RegistryException(422, 422, "Request body must not be empty");
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (!node.isObject()) {
                throw new RegistryException(422, 422, "Request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new RegistryException(400, 400, "Request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static void rejectReferences(JsonNode request) {
        JsonNode references = request.get("references");
        if (references != null && references.isArray() && !references.isEmpty()) {
            throw RegistryException.invalidSchema("with references: schema references are not supported by this registry");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static CompatibilityLevel level(JsonNode request) {
        return CompatibilityLevel.parse(text(request, "compatibility"))
                .orElseThrow(RegistryException::invalidCompatibilityLevel);
    }

    private static String subject(Context ctx) {
        return ctx.pathParam("subject");
    }

    private static VersionSpec version(Context ctx) {
        return VersionSpec.parse(ctx.pathParam("version"));
    }

    private static int id(Context ctx) {
        String text = ctx.pathParam("id");
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new RegistryException(404, 404, "HTTP 404 Not Found: schema id '" + text + "' is not a number");
        }
    }

    private static boolean flag(Context ctx, String name) {
        return "true".equalsIgnoreCase(ctx.queryParam(name));
    }

    private static ObjectNode versionBody(SchemaRegistryService.SubjectVersion v) {
        ObjectNode body = JSON.createObjectNode();
        body.put("subject", v.subject()).put("version", v.version()).put("id", v.id()).put("schema", v.schema());
        return body;
    }

    private static ObjectNode levelBody(String field, CompatibilityLevel level) {
        ObjectNode body = JSON.createObjectNode();
        body.put(field, level.name());
        return body;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private static ArrayNode ints(List<Integer> values) {
        ArrayNode array = JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private static void json(Context ctx, JsonNode body) {
        ctx.status(200).contentType(CONTENT_TYPE).result(body.toString());
    }

    /** The unescaped schema text (GET .../schema). */
    private static void raw(Context ctx, String schema) {
        ctx.status(200).contentType(CONTENT_TYPE).result(schema);
    }

    private static void error(Context ctx, int status, int code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error_code", code).put("message", message);
        ctx.status(status).contentType(CONTENT_TYPE).result(body.toString());
    }

    private static String httpMessage(HttpResponseException e) {
        String reason = e.getMessage() == null ? "" : e.getMessage();
        return "HTTP " + e.getStatus() + " " + reason;
    }
}
