package io.tributary.cdc.parking;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A subject's own compatibility level in a Confluent-compatible registry ({@code GET/PUT/DELETE /config/<subject>}),
 * as our registry (schema-registry/server) and Confluent's serve it.
 */
public final class SubjectCompatibility {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final URI registry;
    private final HttpClient http;
    private final Duration timeout;

    public SubjectCompatibility(URI registry, Duration timeout) {
        String text = registry.toString();
        this.registry = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.timeout = timeout;
    }

    /** The level set on the subject itself, or empty when it follows the global level. */
    public Optional<String> subjectLevel(String subject) throws InterruptedException {
        HttpResponse<String> r = send("GET", subject, null);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        check(r, "GET", subject);
        return Optional.of(json(r).path("compatibilityLevel").asText());
    }

    public void set(String subject, String level) throws InterruptedException {
        check(send("PUT", subject, "{\"compatibility\":\"" + level + "\"}"), "PUT", subject);
    }

    /** Removes the subject's own level: it follows the global level again. */
    public void clear(String subject) throws InterruptedException {
        HttpResponse<String> r = send("DELETE", subject, null);
        if (r.statusCode() != 404) {
            check(r, "DELETE", subject);
        }
    }

    private HttpResponse<String> send(String method, String subject, String body) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(registry + "/config/"
                        + URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20")))
                .timeout(timeout)
                .header("Accept", CONTENT_TYPE + ", application/json")
                .header("Content-Type", CONTENT_TYPE)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TableOperations.TableOperationException(503, "The schema registry at " + registry + " is unreachable ("
                    + method + " /config/" + subject + "): " + e, e);
        }
    }

    private void check(HttpResponse<String> r, String method, String subject) {
        if (r.statusCode() / 100 != 2) {
            throw new TableOperations.TableOperationException(r.statusCode() >= 500 ? 503 : 500, "The schema registry at "
                    + registry + " answered " + method + " /config/" + subject + " with HTTP " + r.statusCode() + ": " + r.body(),
                    null);
        }
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new TableOperations.TableOperationException(500, "The schema registry answered /config with no JSON: "
                    + r.body(), e);
        }
    }
}
