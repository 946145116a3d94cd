package io.tributary.platform.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The version a schema id has under a subject, asked of the registry ({@code GET /schemas/ids/{id}/versions}). */
public final class SchemaVersions {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String registryUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<Integer, Integer> cache = new HashMap<>();

    public SchemaVersions(String registryUrl) {
        this.registryUrl = registryUrl.endsWith("/") ? registryUrl.substring(0, registryUrl.length() - 1) : registryUrl;
    }

    /** The version of {@code id} under {@code subject}, null when the registry does not list it there. */
    public Integer of(int id, String subject) {
        return cache.computeIfAbsent(id, i -> lookUp(i, subject));
    }

    private Integer lookUp(int id, String subject) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(registryUrl + "/schemas/ids/" + id
                    + "/versions")).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return null;
            }
            for (JsonNode v : JSON.readTree(response.body())) {
                if (subject.equals(v.path("subject").asText())) {
                    return v.path("version").asInt();
                }
            }
            return null;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot ask the schema registry at " + registryUrl + " for schema id " + id
                    + ": " + e.getMessage() + " (tributary status shows whether schema-registry runs)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking the schema registry", e);
        }
    }
}
