package io.tributary.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Avro schema (the registry's JSON text) flattened to its fields, each with a dotted path and its type in words:
 * {@code after.quantity -> null|long}, {@code after.price -> null|bytes (decimal 14,2)}. A nested record (a union of
 * null and a record, as Debezium's before and after) is walked into; a named type used again by name resolves to
 * its definition. Pure: the registry's JSON in, no Avro library needed.
 */
final class AvroFields {
    private static final int MAX_DEPTH = 6;

    private final Map<String, JsonNode> named = new HashMap<>();
    private final Map<String, String> fields = new LinkedHashMap<>();

    private AvroFields() {
    }

    /** Field path to its type text, in the schema's order. */
    static Map<String, String> of(JsonNode schema) {
        AvroFields flat = new AvroFields();
        flat.walk(schema, "", null, 0);
        return flat.fields;
    }

    private void walk(JsonNode schema, String prefix, String namespace, int depth) {
        JsonNode record = recordOf(resolve(schema, namespace), namespace);
        if (record == null || depth > MAX_DEPTH) {
            return;
        }
        String ns = record.has("namespace") ? record.get("namespace").asText() : namespace;
        for (JsonNode field : record.path("fields")) {
            String path = prefix + field.path("name").asText();
            JsonNode type = field.get("type");
            define(type, ns);
            JsonNode nested = recordOf(resolve(type, ns), ns);
            if (nested != null) {
                walk(nested, path + ".", ns, depth + 1);
            } else {
                fields.put(path, text(type, ns) + (field.has("default") ? " default " + field.get("default") : ""));
            }
        }
    }

    /** The record of a type: itself, or the one non-null member of a union; null for anything else. */
    private JsonNode recordOf(JsonNode type, String namespace) {
        if (type == null) {
            return null;
        }
        if (type.isArray()) {
            List<JsonNode> members = new ArrayList<>();
            type.forEach(m -> {
                JsonNode r = resolve(m, namespace);
                if (!(r.isTextual() && r.asText().equals("null"))) {
                    members.add(r);
                }
            });
            return members.size() == 1 ? recordOf(members.get(0), namespace) : null;
        }
        if (type.isObject() && "record".equals(type.path("type").asText())) {
            define(type, namespace);
            return type;
        }
        return null;
    }

    /** Remembers the named types {@code type} defines (records, enums, fixed), by short and full name. */
    private void define(JsonNode type, String namespace) {
        if (type == null) {
            return;
        }
        if (type.isArray()) {
            type.forEach(m -> define(m, namespace));
        } else if (type.isObject() && type.has("name")) {
            String name = type.get("name").asText();
            String ns = type.has("namespace") ? type.get("namespace").asText() : namespace;
            named.putIfAbsent(name, type);
            if (ns != null && !ns.isEmpty() && !name.contains(".")) {
                named.putIfAbsent(ns + "." + name, type);
            }
        }
    }

    private JsonNode resolve(JsonNode type, String namespace) {
        if (type != null && type.isTextual()) {
            JsonNode definition = named.get(type.asText());
            if (definition == null && namespace != null) {
                definition = named.get(namespace + "." + type.asText());
            }
            return definition == null ? type : definition;
        }
        return type;
    }

    private String text(JsonNode type, String namespace) {
        if (type.isTextual()) {
            JsonNode definition = resolve(type, namespace);
            return definition.isTextual() ? type.asText() : definition.path("name").asText();
        }
        if (type.isArray()) {
            List<String> members = new ArrayList<>();
            type.forEach(m -> members.add(text(m, namespace)));
            return String.join("|", members);
        }
        String base = type.path("type").asText();
        String detail = switch (base) {
            case "array" -> "<" + text(type.get("items"), namespace) + ">";
            case "map" -> "<" + text(type.get("values"), namespace) + ">";
            case "enum" -> " " + type.path("name").asText() + type.path("symbols").toString();
            case "fixed" -> " " + type.path("name").asText() + "(" + type.path("size").asInt() + ")";
            default -> "";
        };
        String logical = type.has("logicalType") ? type.get("logicalType").asText()
                + (type.has("precision") ? " " + type.get("precision").asInt() + "," + type.path("scale").asInt(0) : "")
                : type.has("connect.name") ? type.get("connect.name").asText() : null;
        return base + detail + (logical == null ? "" : " (" + logical + ")");
    }
}
