package io.tributary.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.registry.RegistryHttp.Response;
import io.tributary.registry.store.InMemorySchemaStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the request/response examples of Confluent's API reference (src/test/resources/confluent-api-examples,
 * see its README for source and conventions), each scenario on a fresh registry.
 */
class ConfluentApiContractTest {

    @TestFactory
    Stream<DynamicNode> documentedExamples() throws IOException {
        JsonNode doc;
        try (InputStream in = getClass().getResourceAsStream("/confluent-api-examples/examples.json")) {
            doc = RegistryHttp.JSON.readTree(in);
        }
        assertThat(doc.get("source").asText()).contains("confluentinc/schema-registry");
        List<DynamicNode> scenarios = new ArrayList<>();
        for (JsonNode scenario : doc.get("scenarios")) {
            scenarios.add(DynamicContainer.dynamicContainer(scenario.get("name").asText(),
                    Stream.of(DynamicTest.dynamicTest("replay", () -> replay(scenario)))));
        }
        assertThat(scenarios).hasSizeGreaterThanOrEqualTo(13);
        return scenarios.stream();
    }

    private static void replay(JsonNode scenario) {
        try (RegistryHttpServer server = new RegistryHttpServer(new SchemaRegistryService(new InMemorySchemaStore()), 1 << 20)
                .start("127.0.0.1", 0)) {
            RegistryHttp http = new RegistryHttp(server.port());
            for (JsonNode step : scenario.get("steps")) {
                JsonNode request = step.get("request");
                String body = request.has("body") ? withSchemaText(request.get("body").deepCopy()).toString() : null;
                Response actual = http.call(request.get("method").asText(), request.get("path").asText(), body);
                String label = (step.has("documented") ? step.get("documented").asText() : "setup") + ": "
                        + request.get("method").asText() + " " + request.get("path").asText() + " -> " + actual.body();
                verify(label, step.get("response"), actual);
            }
        }
    }

    private static void verify(String label, JsonNode expected, Response actual) {
        assertThat(actual.status()).as(label).isEqualTo(expected.get("status").intValue());
        if (expected.has("contentType")) {
            assertThat(actual.contentType()).as(label).isEqualTo(expected.get("contentType").asText());
        }
        if (expected.has("rawSchema")) {
            assertThat(avro(actual.body())).as(label).isEqualTo(avro(expected.get("rawSchema").toString()));
            return;
        }
        JsonNode body = expected.get("body");
        if (body == null || (body.isObject() && body.has("id") && body.get("id").isNull())) {
            return;
        }
        JsonNode actualBody = actual.json();
        String match = expected.path("match").asText("exact");
        switch (match) {
            case "error_code" -> {
                assertThat(actualBody.get("error_code").intValue()).as(label).isEqualTo(body.get("error_code").intValue());
                assertThat(actualBody.get("message").asText()).as(label).isNotBlank();
            }
            case "subset" -> {
                for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    assertThat(actualBody.has(field.getKey())).as(label + " has " + field.getKey()).isTrue();
                    assertSameValue(label, field.getKey(), field.getValue(), actualBody.get(field.getKey()));
                }
            }
            default -> {
                if (body.isObject()) {
                    assertThat(fieldNames(actualBody)).as(label).containsExactlyInAnyOrderElementsOf(fieldNames(body));
                    body.fields().forEachRemaining(f -> assertSameValue(label, f.getKey(), f.getValue(), actualBody.get(f.getKey())));
                } else {
                    assertThat(actualBody).as(label).isEqualTo(body);
                }
            }
        }
    }

    private static void assertSameValue(String label, String field, JsonNode expected, JsonNode actual) {
        if (field.equals("schema")) {
            assertThat(avro(actual.asText())).as(label).isEqualTo(avro(expected.isTextual() ? expected.asText() : expected.toString()));
        } else {
            assertThat(actual).as(label + " field " + field).isEqualTo(expected);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A "schema" given as a JSON object is sent as its text, like the docs' escaped strings. */
    private static JsonNode withSchemaText(JsonNode body) {
        if (body.isObject() && body.has("schema") && !body.get("schema").isTextual()) {
            ((ObjectNode) body).put("schema", body.get("schema").toString());
        }
        return body;
    }

    private static Schema avro(String text) {
        return new Schema.Parser().parse(text);
    }
}
