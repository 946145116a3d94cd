package io.tributary.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Two versions of a change topic's value schema, field by field, as the schema page shows them. */
class SchemaDiffTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A Debezium envelope as cdc-engine registers it: before defines the row record, after names it. */
    static String envelope(String rowFields) {
        return """
                {"type":"record","name":"Envelope","namespace":"tributary.shop.orders","fields":[
                  {"name":"before","type":["null",{"type":"record","name":"Value","fields":[%s]}],"default":null},
                  {"name":"after","type":["null","Value"],"default":null},
                  {"name":"source","type":{"type":"record","name":"Source","namespace":"io.debezium.connector.postgresql",
                    "fields":[{"name":"lsn","type":["null","long"],"default":null}]}},
                  {"name":"op","type":"string"}]}""".formatted(rowFields);
    }

    static final String V1 = envelope("""
            {"name":"order_id","type":"long"},
            {"name":"quantity","type":["null","int"],"default":null},
            {"name":"note","type":["null","string"],"default":null},
            {"name":"price","type":["null",{"type":"bytes","logicalType":"decimal","precision":12,"scale":2}],"default":null}""");
    static final String V2 = envelope("""
            {"name":"order_id","type":"long"},
            {"name":"quantity","type":["null","long"],"default":null},
            {"name":"price","type":["null",{"type":"bytes","logicalType":"decimal","precision":14,"scale":2}],"default":null},
            {"name":"channel","type":{"type":"string","connect.name":"io.debezium.data.Enum"},"default":"web"}""");

    private static Map<String, String> fields(String schema) throws Exception {
        return AvroFields.of(JSON.readTree(schema));
    }

    @Test
    void aNamedRecordUsedAgainByNameIsWalkedInto() throws Exception {
        assertThat(fields(V1)).containsExactly(
                Map.entry("before.order_id", "long"),
                Map.entry("before.quantity", "null|int default null"),
                Map.entry("before.note", "null|string default null"),
                Map.entry("before.price", "null|bytes (decimal 12,2) default null"),
                Map.entry("after.order_id", "long"),
                Map.entry("after.quantity", "null|int default null"),
                Map.entry("after.note", "null|string default null"),
                Map.entry("after.price", "null|bytes (decimal 12,2) default null"),
                Map.entry("source.lsn", "null|long default null"),
                Map.entry("op", "string"));
    }

    @Test
    void widenedAddedAndDroppedColumnsAreNamedInPlace() throws Exception {
        var diff = SchemaDiff.between(fields(V1), fields(V2)).stream()
                .filter(f -> f.path().startsWith("after.")).map(f -> f.path() + " " + f.change()).toList();
        assertThat(diff).containsExactly("after.order_id same", "after.quantity changed", "after.note removed",
                "after.price changed", "after.channel added");
        SchemaDiff.Field quantity = SchemaDiff.between(fields(V1), fields(V2)).stream()
                .filter(f -> f.path().equals("after.quantity")).findFirst().orElseThrow();
        assertThat(quantity.from()).isEqualTo("null|int default null");
        assertThat(quantity.to()).isEqualTo("null|long default null");
    }

    /** The registry's answers for a subject of two versions (ids 4 and 9), as its REST API returns them. */
    static Optional<String> registry(String path) {
        return Optional.ofNullable(switch (path) {
            case "/subjects" -> "[\"tributary.shop.orders-value\"]";
            case "/config" -> "{\"compatibilityLevel\":\"BACKWARD\"}";
            case "/subjects/tributary.shop.orders-value/versions" -> "[1,2]";
            case "/config/tributary.shop.orders-value?defaultToGlobal=true" -> "{\"compatibilityLevel\":\"BACKWARD\"}";
            case "/subjects/tributary.shop.orders-value/versions/1" -> version(1, 4, V1);
            case "/subjects/tributary.shop.orders-value/versions/2" -> version(2, 9, V2);
            default -> null;
        });
    }

    private static String version(int version, int id, String schema) {
        return "{\"subject\":\"tributary.shop.orders-value\",\"version\":" + version + ",\"id\":" + id + ",\"schema\":"
                + TextNode.valueOf(schema) + "}";
    }

    @Test
    void aSubjectComparesItsTwoNewestVersionsUnlessToldWhich() throws Exception {
        RegistryView view = new RegistryView(SchemaDiffTest::registry);
        JsonNode subject = view.subject("tributary.shop.orders-value", 0, 0).orElseThrow();
        assertThat(subject.get("compatibility").asText()).isEqualTo("BACKWARD");
        assertThat(subject.get("versions")).extracting(v -> v.get("version").asInt() + ":" + v.get("id").asInt())
                .containsExactly("1:4", "2:9");
        assertThat(subject.get("from").asInt()).isEqualTo(1);
        assertThat(subject.get("to").asInt()).isEqualTo(2);
        JsonNode channel = subject.get("fields").findParents("path").stream()
                .filter(f -> f.get("path").asText().equals("after.channel")).findFirst().orElseThrow();
        assertThat(channel.get("change").asText()).isEqualTo("added");
        assertThat(channel.get("from").isNull()).isTrue();
        assertThat(channel.get("to").asText()).isEqualTo("string (io.debezium.data.Enum) default \"web\"");

        JsonNode one = view.subject("tributary.shop.orders-value", 0, 1).orElseThrow();
        assertThat(one.get("from").asInt()).isZero();
        assertThat(one.get("fields")).allSatisfy(f -> assertThat(f.get("change").asText()).isEqualTo("added"));
        assertThat(view.subject("no-such-subject", 0, 0)).isEmpty();
        assertThatThrownBy(() -> view.subject("tributary.shop.orders-value", 1, 5))
                .hasMessageContaining("version 5 of tributary.shop.orders-value does not exist: it has [1, 2]");
    }
}
