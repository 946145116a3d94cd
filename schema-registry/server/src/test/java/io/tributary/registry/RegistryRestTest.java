package io.tributary.registry;

import static io.tributary.registry.RegistryHttp.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.registry.RegistryHttp.Response;
import io.tributary.registry.store.InMemorySchemaStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST surface on a real HTTP server (Javalin on a free port) over the in-memory store. */
class RegistryRestTest {
    private static final String V1 = "{\"type\":\"record\",\"name\":\"Order\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}";
    private static final String V1_SPACED =
            "{ \"type\": \"record\",\n \"fields\": [ {\"type\": \"long\", \"name\": \"id\"} ], \"name\": \"Order\" }";
    private static final String V2 = "{\"type\":\"record\",\"name\":\"Order\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"},"
            + "{\"name\":\"note\",\"type\":\"string\",\"default\":\"\"}]}";
    private static final String V2_NO_DEFAULT = "{\"type\":\"record\",\"name\":\"Order\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"},"
            + "{\"name\":\"note\",\"type\":\"string\"}]}";

    private RegistryHttpServer server;
    private RegistryHttp http;

    @BeforeEach
    void start() {
        server = new RegistryHttpServer(new SchemaRegistryService(new InMemorySchemaStore()), 4096).start("127.0.0.1", 0);
        http = new RegistryHttp(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private int register(String subject, String schema) {
        Response r = http.call("POST", "/subjects/" + subject + "/versions", schemaBody(schema));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("id").intValue();
    }

    @Test
    void sameCanonicalSchemaGetsTheSameIdAcrossSubjectsAndFormatting() {
        int id = register("orders-value", V1);

        assertThat(register("orders-value", V1_SPACED)).isEqualTo(id);
        assertThat(register("archive-value", V1)).isEqualTo(id);
        assertThat(http.call("GET", "/subjects/orders-value/versions", null).body()).isEqualTo("[1]");
        assertThat(http.call("GET", "/schemas/ids/" + id + "/versions", null).body())
                .isEqualTo("[{\"subject\":\"archive-value\",\"version\":1},{\"subject\":\"orders-value\",\"version\":1}]");
        assertThat(http.call("GET", "/subjects", null).body()).isEqualTo("[\"archive-value\",\"orders-value\"]");
    }

    @Test
    void versionsAreNumberedPerSubjectAndReadableByNumberLatestAndMinusOne() {
        int id1 = register("orders-value", V1);
        int id2 = register("orders-value", V2);

        assertThat(id2).isEqualTo(id1 + 1);
        Response latest = http.call("GET", "/subjects/orders-value/versions/latest", null);
        assertThat(latest.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(latest.json().get("subject").asText()).isEqualTo("orders-value");
        assertThat(latest.json().get("version").intValue()).isEqualTo(2);
        assertThat(latest.json().get("id").intValue()).isEqualTo(id2);
        assertThat(latest.json().has("schemaType")).isFalse();
        assertThat(http.call("GET", "/subjects/orders-value/versions/-1", null).body()).isEqualTo(latest.body());
        assertThat(http.call("GET", "/subjects/orders-value/versions/1/schema", null).body()).isEqualTo(V1);
        assertThat(http.call("GET", "/schemas/ids/" + id1 + "/schema", null).body()).isEqualTo(V1);
        assertThat(http.call("GET", "/subjects/orders-value/versions/3", null).json().get("error_code").intValue())
                .isEqualTo(40402);
        assertThat(http.call("GET", "/subjects/orders-value/versions/zero", null).json().get("error_code").intValue())
                .isEqualTo(42202);
        assertThat(http.call("GET", "/subjects/nobody/versions/1", null).json().get("error_code").intValue())
                .isEqualTo(40401);
    }

    @Test
    void incompatibleSchemaIs409AndTheCompatibilityEndpointSaysWhy() {
        register("orders-value", V1);

        Response rejected = http.call("POST", "/subjects/orders-value/versions", schemaBody(V2_NO_DEFAULT));
        assertThat(rejected.status()).isEqualTo(409);
        assertThat(rejected.json().get("error_code").intValue()).isEqualTo(409);
        assertThat(rejected.json().get("message").asText())
                .startsWith("Schema being registered is incompatible with an earlier schema for subject \"orders-value\"")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE");

        Response check = http.call("POST", "/compatibility/subjects/orders-value/versions/latest?verbose=true",
                schemaBody(V2_NO_DEFAULT));
        assertThat(check.json().get("is_compatible").booleanValue()).isFalse();
        assertThat(check.json().get("messages").toString()).contains("note");
        assertThat(http.call("POST", "/compatibility/subjects/orders-value/versions/1", schemaBody(V2)).body())
                .isEqualTo("{\"is_compatible\":true}");
        assertThat(http.call("POST", "/compatibility/subjects/new-subject/versions/latest", schemaBody(V2)).body())
                .isEqualTo("{\"is_compatible\":true}");

        assertThat(http.call("PUT", "/config/orders-value", "{\"compatibility\":\"none\"}").body())
                .isEqualTo("{\"compatibility\":\"NONE\"}");
        assertThat(register("orders-value", V2_NO_DEFAULT)).isPositive();
    }

    @Test
    void configIsGlobalWithSubjectOverrides() {
        assertThat(http.call("GET", "/config", null).body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
        assertThat(http.call("GET", "/config/orders-value", null).json().get("error_code").intValue()).isEqualTo(40408);
        assertThat(http.call("GET", "/config/orders-value?defaultToGlobal=true", null).body())
                .isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
        Response bad = http.call("PUT", "/config", "{\"compatibility\":\"SIDEWAYS\"}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("error_code").intValue()).isEqualTo(42203);

        http.call("PUT", "/config", "{\"compatibility\":\"FULL_TRANSITIVE\"}");
        http.call("PUT", "/config/orders-value", "{\"compatibility\":\"FORWARD\"}");

        assertThat(http.call("GET", "/config", null).body()).isEqualTo("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}");
        assertThat(http.call("GET", "/config/orders-value", null).body()).isEqualTo("{\"compatibilityLevel\":\"FORWARD\"}");
        assertThat(http.call("DELETE", "/config/orders-value", null).body()).isEqualTo("{\"compatibilityLevel\":\"FORWARD\"}");
        assertThat(http.call("GET", "/config/orders-value?defaultToGlobal=true", null).body())
                .isEqualTo("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}");
    }

    @Test
    void softDeleteHidesThenPermanentDeleteRemoves() {
        int id = register("orders-value", V1);
        register("orders-value", V2);

        Response permanentFirst = http.call("DELETE", "/subjects/orders-value?permanent=true", null);
        assertThat(permanentFirst.status()).isEqualTo(404);
        assertThat(permanentFirst.json().get("error_code").intValue()).isEqualTo(40405);

        assertThat(http.call("DELETE", "/subjects/orders-value/versions/1", null).body()).isEqualTo("1");
        assertThat(http.call("DELETE", "/subjects/orders-value/versions/1", null).json().get("error_code").intValue())
                .isEqualTo(40406);
        assertThat(http.call("GET", "/subjects/orders-value/versions", null).body()).isEqualTo("[2]");
        assertThat(http.call("GET", "/subjects/orders-value/versions?deleted=true", null).body()).isEqualTo("[1,2]");
        assertThat(http.call("GET", "/schemas/ids/" + id, null).status()).as("ids stay readable").isEqualTo(200);

        assertThat(http.call("DELETE", "/subjects/orders-value", null).body()).isEqualTo("[2]");
        assertThat(http.call("DELETE", "/subjects/orders-value", null).json().get("error_code").intValue()).isEqualTo(40404);
        assertThat(http.call("GET", "/subjects", null).body()).isEqualTo("[]");
        assertThat(http.call("GET", "/subjects?deleted=true", null).body()).isEqualTo("[\"orders-value\"]");
        assertThat(http.call("GET", "/subjects/orders-value/versions", null).json().get("error_code").intValue())
                .isEqualTo(40401);

        assertThat(http.call("DELETE", "/subjects/orders-value?permanent=true", null).body()).isEqualTo("[1,2]");
        assertThat(http.call("GET", "/subjects?deleted=true", null).body()).isEqualTo("[]");
        assertThat(http.call("GET", "/schemas/ids/" + id, null).json().get("error_code").intValue()).isEqualTo(40403);

        int again = register("orders-value", V1);
        assertThat(again).as("ids are never reused").isGreaterThan(id + 1);
        assertThat(http.call("GET", "/subjects/orders-value/versions", null).body()).isEqualTo("[1]");
    }

    @Test
    void reRegisteringAfterSoftDeleteContinuesTheVersionNumbers() {
        int id = register("orders-value", V1);
        http.call("DELETE", "/subjects/orders-value", null);

        assertThat(register("orders-value", V1)).isEqualTo(id);
        assertThat(http.call("GET", "/subjects/orders-value/versions", null).body()).isEqualTo("[2]");
    }

    @Test
    void lookUpFindsTheVersionOfASchema() {
        int id = register("orders-value", V1);
        register("orders-value", V2);

        Response found = http.call("POST", "/subjects/orders-value", schemaBody(V1_SPACED));
        assertThat(found.json().get("version").intValue()).isEqualTo(1);
        assertThat(found.json().get("id").intValue()).isEqualTo(id);
        assertThat(found.json().get("schema").asText()).isEqualTo(V1);
        assertThat(http.call("POST", "/subjects/orders-value", schemaBody(V2_NO_DEFAULT)).json().get("error_code").intValue())
                .isEqualTo(40403);
        assertThat(http.call("POST", "/subjects/nobody", schemaBody(V1)).json().get("error_code").intValue())
                .isEqualTo(40401);
    }

    @Test
    void badRequestsGetConfluentErrorBodies() {
        Response invalid = http.call("POST", "/subjects/s/versions", schemaBody("{\"type\":\"record\",\"name\":\"x\"}"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().get("error_code").intValue()).isEqualTo(42201);
        assertThat(invalid.json().get("message").asText()).startsWith("Invalid schema").contains("fields");

        Response protobuf = http.call("POST", "/subjects/s/versions", "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax\"}");
        assertThat(protobuf.json().get("error_code").intValue()).isEqualTo(42201);

        Response notJson = http.call("POST", "/subjects/s/versions", "{schema");
        assertThat(notJson.status()).isEqualTo(400);

        Response form = http.call("POST", "/subjects/s/versions", schemaBody(V1), "application/x-www-form-urlencoded");
        assertThat(form.status()).isEqualTo(415);
        assertThat(form.json().get("error_code").intValue()).isEqualTo(415);

        Response tooLarge = http.call("POST", "/subjects/s/versions", schemaBody("\"" + "x".repeat(5000) + "\""));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("error_code").intValue()).isEqualTo(413);

        Response unknownPath = http.call("GET", "/nothing/here", null);
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.json().get("error_code").intValue()).isEqualTo(404);

        assertThat(http.call("GET", "/schemas/ids/99", null).body())
                .isEqualTo("{\"error_code\":40403,\"message\":\"Schema 99 not found\"}");
    }

    @Test
    void toolEndpointsListSchemasModeAndReferences() {
        int id1 = register("orders-value", V1);
        int id2 = register("orders-value", V2);
        register("payments-value", "\"string\"");

        assertThat(http.call("GET", "/schemas?subjectPrefix=orders", null).json().findValuesAsText("version"))
                .containsExactly("1", "2");
        assertThat(http.call("GET", "/schemas?latestOnly=true", null).json().findValues("id"))
                .extracting(n -> n.intValue()).containsExactly(id2, 3);
        assertThat(http.call("GET", "/mode", null).body()).isEqualTo("{\"mode\":\"READWRITE\"}");
        assertThat(http.call("GET", "/subjects/orders-value/versions/1/referencedby", null).body()).isEqualTo("[]");
        assertThat(http.call("GET", "/subjects/orders-value/versions/9/referencedby", null).json().get("error_code").intValue())
                .isEqualTo(40402);
        assertThat(id1).isEqualTo(1);
    }

    @Test
    void acceptsAllThreeDocumentedContentTypes() {
        for (String type : new String[] {"application/vnd.schemaregistry.v1+json", "application/vnd.schemaregistry+json",
                "application/json"}) {
            Response r = http.call("POST", "/subjects/ct-" + type.length() + "/versions", schemaBody("\"string\""), type);
            assertThat(r.status()).as(type).isEqualTo(200);
        }
        assertThat(http.call("GET", "/schemas/types", null).body()).isEqualTo("[\"AVRO\"]");
    }
}
