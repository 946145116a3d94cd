package io.tributary.registry.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * JSON encoding of {@link StoreRecord}s as Kafka key and value. The key names the record type and its identity
 * (so compaction keeps the last record per key); a tombstone has a null value.
 */
public final class StoreRecordCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StoreRecordCodec() {
    }

    public static byte[] key(StoreRecord record) {
        ObjectNode key = JSON.createObjectNode();
        if (record instanceof StoreRecord.SchemaVersion v) {
            key.put("keytype", "SCHEMA").put("subject", v.subject()).put("version", v.version());
        } else if (record instanceof StoreRecord.VersionRemoved v) {
            key.put("keytype", "SCHEMA").put("subject", v.subject()).put("version", v.version());
        } else if (record instanceof StoreRecord.Config c) {
            key.put("keytype", "CONFIG").put("subject", c.subject());
        } else {
            key.put("keytype", "ID_HIGH_WATER");
        }
        return bytes(key);
    }

    /** The value, or null for a tombstone. */
    public static byte[] value(StoreRecord record) {
        if (record.isTombstone()) {
            return null;
        }
        ObjectNode value = JSON.createObjectNode();
        if (record instanceof StoreRecord.SchemaVersion v) {
            value.put("subject", v.subject()).put("version", v.version())
                    .put("id", v.id()).put("schema", v.schema()).put("deleted", v.deleted());
        } else if (record instanceof StoreRecord.Config c) {
            value.put("compatibilityLevel", c.level());
        } else if (record instanceof StoreRecord.IdHighWater h) {
            value.put("maxId", h.maxId());
        }
        return bytes(value);
    }

    /**
     * Decodes one log entry.
     *
     * @throws IllegalArgumentException naming the problem if key or value are not a record of this registry
     */
    public static StoreRecord decode(byte[] keyBytes, byte[] valueBytes) {
        JsonNode key = parse(keyBytes, "key");
        String type = text(key, "keytype", "key");
        switch (type) {
            case "SCHEMA": {
                String subject = text(key, "subject", "key");
                int version = integer(key, "version", "key");
                if (valueBytes == null) {
                    return new StoreRecord.VersionRemoved(subject, version);
                }
                JsonNode value = parse(valueBytes, "value");
                return new StoreRecord.SchemaVersion(subject, version, integer(value, "id", "value"),
                        text(value, "schema", "value"), value.path("deleted").asBoolean(false));
            }
            case "CONFIG": {
                JsonNode subjectNode = key.get("subject");
                String subject = subjectNode == null || subjectNode.isNull() ? null : subjectNode.asText();
                String level = valueBytes == null ? null : text(parse(valueBytes, "value"), "compatibilityLevel", "value");
                return new StoreRecord.Config(subject, level);
            }
            case "ID_HIGH_WATER":
                if (valueBytes == null) {
                    throw new IllegalArgumentException("ID_HIGH_WATER record without a value");
                }
                return new StoreRecord.IdHighWater(integer(parse(valueBytes, "value"), "maxId", "value"));
            default:
                throw new IllegalArgumentException("unknown keytype '" + type + "'");
        }
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode parse(byte[] bytes, String what) {
        if (bytes == null) {
            throw new IllegalArgumentException("missing " + what);
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(what + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " is not JSON: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field, String what) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(what + " has no string field '" + field + "'");
        }
        return value.asText();
    }

    private static int integer(JsonNode node, String field, String what) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new IllegalArgumentException(what + " has no integer field '" + field + "'");
        }
        return value.intValue();
    }
}
