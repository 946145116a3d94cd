package io.tributary.console.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A Delta table's schema (the metaData's {@code schemaString}, Spark's struct JSON) as a list of columns with their
 * type in Spark SQL's words ({@code bigint}, {@code decimal(14,2)}, {@code struct<order_id:bigint>}). Pure.
 */
final class DeltaSchemaText {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeltaSchemaText() {
    }

    /** {@code [{"name", "type", "nullable"}]}; an empty list for a null schema. */
    static ArrayNode fields(String schemaString) {
        ArrayNode fields = JSON.createArrayNode();
        if (schemaString == null) {
            return fields;
        }
        JsonNode struct;
        try {
            struct = JSON.readTree(schemaString);
        } catch (IOException e) {
            throw new UncheckedIOException("the table's metaData.schemaString is not JSON: " + e.getMessage(), e);
        }
        for (JsonNode f : struct.path("fields")) {
            fields.addObject().put("name", f.path("name").asText()).put("type", type(f.get("type")))
                    .put("nullable", f.path("nullable").asBoolean(true));
        }
        return fields;
    }

    static String type(JsonNode type) {
        if (type == null || type.isNull()) {
            return "?";
        }
        if (type.isTextual()) {
            return switch (type.asText()) {
                case "long" -> "bigint";
                case "integer" -> "int";
                case "short" -> "smallint";
                case "byte" -> "tinyint";
                default -> type.asText();
            };
        }
        return switch (type.path("type").asText()) {
            case "struct" -> {
                StringBuilder sb = new StringBuilder("struct<");
                for (JsonNode f : type.path("fields")) {
                    sb.append(sb.length() == 7 ? "" : ",").append(f.path("name").asText()).append(':').append(type(f.get("type")));
                }
                yield sb.append('>').toString();
            }
            case "array" -> "array<" + type(type.get("elementType")) + ">";
            case "map" -> "map<" + type(type.get("keyType")) + "," + type(type.get("valueType")) + ">";
            default -> type.toString();
        };
    }
}
