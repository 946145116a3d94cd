package io.tributary.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The schema registry as the console shows it: the global compatibility level and per subject its versions and its
 * level (the subject's own, else the global one), read over the registry's REST API ({@code /config},
 * {@code /subjects}, {@code /subjects/<s>/versions}, {@code /config/<s>?defaultToGlobal=true}).
 */
final class RegistryView {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<String, Optional<String>> get;

    /** {@code get}: a registry path to the body of its 200 answer, empty when it does not answer. */
    RegistryView(Function<String, Optional<String>> get) {
        this.get = get;
    }

    /** Over HTTP against {@code baseUrl}. */
    static RegistryView over(String baseUrl) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return new RegistryView(path -> {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(3)).GET().build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        });
    }

    /** {@code {"reachable", "compatibility", "subjects": [{"subject", "versions": [..], "compatibility"}]}}. */
    ObjectNode json() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        Optional<String> subjects = get.apply("/subjects");
        root.put("reachable", subjects.isPresent());
        root.put("compatibility", level(get.apply("/config")));
        ArrayNode list = root.putArray("subjects");
        if (subjects.isEmpty()) {
            return root;
        }
        for (JsonNode subject : JSON.readTree(subjects.get())) {
            String name = subject.asText();
            String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8);
            ObjectNode node = list.addObject();
            node.put("subject", name);
            ArrayNode versions = node.putArray("versions");
            Optional<String> body = get.apply("/subjects/" + encoded + "/versions");
            if (body.isPresent()) {
                JSON.readTree(body.get()).forEach(v -> versions.add(v.asInt()));
            }
            node.put("compatibility", level(get.apply("/config/" + encoded + "?defaultToGlobal=true")));
        }
        return root;
    }

    /**
     * One subject: {@code {"subject", "compatibility", "versions": [{"version", "id"}], "from", "to", "fields":
     * [{"path", "from", "to", "change"}]}}, the difference between versions {@code from} and {@code to} (0: the two
     * latest; a subject of one version is compared with nothing). Empty when the subject does not exist.
     */
    Optional<ObjectNode> subject(String name, int from, int to) throws IOException {
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8);
        Optional<String> listed = get.apply("/subjects/" + encoded + "/versions");
        if (listed.isEmpty()) {
            return Optional.empty();
        }
        List<Integer> numbers = new ArrayList<>();
        JSON.readTree(listed.get()).forEach(v -> numbers.add(v.asInt()));
        ObjectNode root = JSON.createObjectNode();
        root.put("subject", name);
        root.put("compatibility", level(get.apply("/config/" + encoded + "?defaultToGlobal=true")));
        int newest = numbers.isEmpty() ? 0 : numbers.get(numbers.size() - 1);
        int toVersion = to > 0 ? to : newest;
        int fromVersion = from > 0 ? from : numbers.stream().filter(v -> v < toVersion).reduce((a, b) -> b).orElse(0);
        for (int v : new int[] {fromVersion, toVersion}) {
            if (v != 0 && !numbers.contains(v)) {
                throw new IllegalArgumentException("version " + v + " of " + name + " does not exist: it has " + numbers);
            }
        }
        ArrayNode versions = root.putArray("versions");
        Map<String, String> fromFields = Map.of();
        Map<String, String> toFields = Map.of();
        for (int v : numbers) {
            JsonNode version = JSON.readTree(get.apply("/subjects/" + encoded + "/versions/" + v).orElseThrow(
                    () -> new IllegalStateException("the registry lists version " + v + " of " + name + " but does not return it")));
            versions.addObject().put("version", v).put("id", version.path("id").asInt());
            if (v == fromVersion) {
                fromFields = AvroFields.of(JSON.readTree(version.path("schema").asText()));
            }
            if (v == toVersion) {
                toFields = AvroFields.of(JSON.readTree(version.path("schema").asText()));
            }
        }
        root.put("from", fromVersion);
        root.put("to", toVersion);
        ArrayNode fields = root.putArray("fields");
        for (SchemaDiff.Field f : SchemaDiff.between(fromFields, toFields)) {
            fields.addObject().put("path", f.path()).put("from", f.from()).put("to", f.to()).put("change", f.change());
        }
        return Optional.of(root);
    }

    private static String level(Optional<String> body) throws IOException {
        if (body.isEmpty()) {
            return null;
        }
        JsonNode level = JSON.readTree(body.get()).get("compatibilityLevel");
        return level == null ? null : level.asText();
    }
}
