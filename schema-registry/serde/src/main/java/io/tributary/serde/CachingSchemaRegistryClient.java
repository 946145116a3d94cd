package io.tributary.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SchemaRegistryClient} over HTTP that caches schemas by id and ids by (subject, schema), both of which
 * never change in a registry. Works against any Confluent-compatible registry: it uses only the documented
 * paths, bodies and error codes.
 *
 * <p>Retries with exponential backoff on connection errors, timeouts, 5xx and 429 (rate limit) responses (bounded by
 * {@link RegistryClientSettings#maxRetries()}), then throws {@link RegistryUnavailableException}; a 4xx answer
 * throws {@link RegistryRequestException} at once. Thread-safe.
 */
public final class CachingSchemaRegistryClient implements SchemaRegistryClient {
    private static final Logger LOG = LoggerFactory.getLogger(CachingSchemaRegistryClient.class);
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    static final String ACCEPT = "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, "
            + "application/json; qs=0.5";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUri;
    private final RegistryClientSettings settings;
    private final HttpClient http;
    private final BoundedCache<Integer, Schema> schemasById;
    private final BoundedCache<SubjectSchema, Integer> idsBySubjectSchema;
    private final BoundedCache<SubjectSchema, RegisteredSchema> lookups;

    private record SubjectSchema(String subject, Schema schema) {
    }

    public CachingSchemaRegistryClient(URI baseUri, RegistryClientSettings settings) {
        Objects.requireNonNull(baseUri, "baseUri");
        if (!"http".equalsIgnoreCase(baseUri.getScheme()) && !"https".equalsIgnoreCase(baseUri.getScheme())) {
            throw new IllegalArgumentException("schema registry URL must start with http:// or https://, got '" + baseUri + "'");
        }
        String text = baseUri.toString();
        this.baseUri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
        this.schemasById = new BoundedCache<>(settings.cacheCapacity());
        this.idsBySubjectSchema = new BoundedCache<>(settings.cacheCapacity());
        this.lookups = new BoundedCache<>(settings.cacheCapacity());
    }

    public URI baseUri() {
        return baseUri;
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode response = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        int id = requiredInt(response, "id", "register under subject '" + subject + "'");
        idsBySubjectSchema.put(key, id);
        schemasById.put(id, schema);
        LOG.debug("Registered schema id {} under subject {}", id, subject);
        return id;
    }

    @Override
    public Schema getById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode response = send("GET", "/schemas/ids/" + id, null);
        Schema schema = parseSchema(response, "schema id " + id);
        schemasById.put(id, schema);
        return schema;
    }

    @Override
    public RegisteredSchema latest(String subject) {
        JsonNode response = send("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
        return registered(response, "latest version of subject '" + subject + "'");
    }

    @Override
    public Optional<RegisteredSchema> lookup(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        RegisteredSchema cached = lookups.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        try {
            JsonNode response = send("POST", "/subjects/" + encode(subject), schemaBody(schema));
            RegisteredSchema found = registered(response, "schema under subject '" + subject + "'");
            lookups.put(key, found);
            idsBySubjectSchema.put(key, found.id());
            return Optional.of(found);
        } catch (RegistryRequestException e) {
            if (e.httpStatus() == 404 && (e.errorCode() == 40401 || e.errorCode() == 40403)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public boolean testCompatibility(String subject, Schema schema) {
        try {
            JsonNode response = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest",
                    schemaBody(schema));
            JsonNode value = response.get("is_compatible");
            if (value == null || !value.isBoolean()) {
                throw new SerdeException("Schema registry " + baseUri + " answered the compatibility check of subject '"
                        + subject + "' without a boolean 'is_compatible': " + response);
            }
            return value.booleanValue();
        } catch (RegistryRequestException e) {
            // older registries answer 40401/40402 for a subject without versions: nothing to be incompatible with
            if (e.httpStatus() == 404 && (e.errorCode() == 40401 || e.errorCode() == 40402)) {
                return true;
            }
            throw e;
        }
    }

    private static String schemaBody(Schema schema) {
        ObjectNode body = JSON.createObjectNode();
        body.put("schema", schema.toString());
        return body.toString();
    }

    private RegisteredSchema registered(JsonNode response, String what) {
        return new RegisteredSchema(
                requiredInt(response, "id", what), requiredInt(response, "version", what), parseSchema(response, what));
    }

    private Schema parseSchema(JsonNode response, String what) {
        JsonNode type = response.get("schemaType");
        if (type != null && !type.isNull() && !"AVRO".equals(type.asText())) {
            throw new SerdeException("The " + what + " in schema registry " + baseUri + " is a " + type.asText()
                    + " schema; this serde reads and writes Avro only");
        }
        JsonNode text = response.get("schema");
        if (text == null || !text.isTextual()) {
            throw new SerdeException("Schema registry " + baseUri + " answered for the " + what
                    + " without a 'schema' string: " + response);
        }
        try {
            return new Schema.Parser().parse(text.asText());
        } catch (SchemaParseException e) {
            throw new SerdeException("The " + what + " in schema registry " + baseUri + " is not a valid Avro schema: "
                    + e.getMessage(), e);
        }
    }

    private int requiredInt(JsonNode response, String field, String what) {
        JsonNode value = response.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new SerdeException("Schema registry " + baseUri + " answered for the " + what + " without an integer '"
                    + field + "': " + response);
        }
        return value.intValue();
    }

    static String encode(String pathSegment) {
        Objects.requireNonNull(pathSegment, "subject");
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** One request with retries; returns the parsed JSON body of a 2xx answer. */
    private JsonNode send(String method, String path, String body) {
        URI uri = URI.create(baseUri + path);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Accept", ACCEPT);
        if (body != null) {
            builder.header("Content-Type", CONTENT_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpRequest request = builder.build();
        int attempts = settings.maxRetries() + 1;
        Duration backoff = settings.initialBackoff();
        for (int attempt = 1; ; attempt++) {
            int status = 0;
            Exception failure;
            String detail;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return parse(response.body(), method, uri);
                }
                ErrorBody error = ErrorBody.parse(response.body(), status);
                if (status < 500 && status != 429) {
                    throw new RegistryRequestException("Schema registry rejected " + method + " " + uri + ": HTTP " + status
                            + ", error_code " + error.code() + ": " + error.message(), status, error.code());
                }
                failure = null;
                detail = "HTTP " + status + ", error_code " + error.code() + ": " + error.message();
            } catch (IOException e) {
                failure = e;
                detail = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryUnavailableException("Interrupted while calling " + method + " " + uri, 0, e);
            }
            if (attempt >= attempts) {
                throw new RegistryUnavailableException("Schema registry " + method + " " + uri + " failed " + attempt
                        + " time(s), last: " + detail + ". Check that the registry is running and reachable"
                        + " (TRIBUTARY_SCHEMA_REGISTRY_URL)", status, failure);
            }
            LOG.warn("Schema registry {} {} failed (attempt {}/{}): {}; retrying in {} ms",
                    method, uri, attempt, attempts, detail, backoff.toMillis());
            sleep(jittered(backoff), method, uri);
            backoff = backoff.multipliedBy(2);
            if (backoff.compareTo(settings.maxBackoff()) > 0) {
                backoff = settings.maxBackoff();
            }
        }
    }

    private static Duration jittered(Duration backoff) {
        long millis = backoff.toMillis();
        return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
    }

    private static void sleep(Duration d, String method, URI uri) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("Interrupted while waiting to retry " + method + " " + uri, 0, e);
        }
    }

    private static JsonNode parse(String body, String method, URI uri) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new SerdeException("Schema registry answered " + method + " " + uri + " with a body that is not JSON: "
                    + abbreviate(body), e);
        }
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }

    /** The Confluent error body {@code {"error_code": ..., "message": ...}}, tolerant of anything else. */
    record ErrorBody(int code, String message) {
        static ErrorBody parse(String body, int status) {
            try {
                JsonNode node = JSON.readTree(body);
                if (node != null && node.isObject()) {
                    JsonNode code = node.get("error_code");
                    JsonNode message = node.get("message");
                    return new ErrorBody(code != null && code.canConvertToInt() ? code.intValue() : status,
                            message != null ? message.asText() : abbreviate(body));
                }
            } catch (IOException | RuntimeException ignored) {
                // not JSON (a proxy's HTML page, say): report the raw body below
            }
            return new ErrorBody(status, abbreviate(body));
        }
    }
}
