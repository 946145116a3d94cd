package io.tributary.cdc.parking;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The parked form of a Debezium record: one JSON document that needs no registry, and from which the exact Connect
 * record is rebuilt for the replay (and so the same Avro schemas and values).
 *
 * <pre>
 * {"format": "tributary.parked.v1", "topic": "tributary.shop.orders", "kafkaPartition": null, "timestamp": 1733...,
 *  "sourcePartition": {"server": "tributary"}, "sourceOffset": {"lsn": 123, "txId": 7, ...},
 *  "key":   {"schema": {...Connect schema...}, "payload": {...}} or null,
 *  "value": {"schema": {...Connect schema...}, "payload": {...}} or null (tombstone)}
 * </pre>
 * {@code key} and {@code value} are what Kafka Connect's {@link JsonConverter} writes with {@code schemas.enable=true},
 * {@code decimal.format=NUMERIC} (a decimal is a JSON number with all its digits, also one that does not fit its
 * column's scale: exactly the value that could not be encoded) and {@code replace.null.with.default=false} (a null
 * stays null); bytes are base64. Non-finite floats (NaN, Infinity) are written as the bare JSON extension tokens {@code NaN},
 * {@code Infinity}: Connect's converter would otherwise read its own "NaN" string back as 0.
 */
public final class ParkedChangeCodec {
    public static final String FORMAT = "tributary.parked.v1";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            // decimals keep every digit and their scale
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private final JsonConverter keys = converter("key");
    private final JsonConverter values = converter("value");

    private static JsonConverter converter(String type) {
        JsonConverter c = new JsonConverter();
        c.configure(Map.of("schemas.enable", "true", "converter.type", type, "replace.null.with.default", "false",
                "decimal.format", "NUMERIC", "schemas.cache.size", "1000"));
        return c;
    }

    /** The parked JSON document of {@code record}. */
    public byte[] encode(SourceRecord record) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("format", FORMAT);
        doc.put("topic", record.topic());
        if (record.kafkaPartition() == null) {
            doc.putNull("kafkaPartition");
        } else {
            doc.put("kafkaPartition", record.kafkaPartition());
        }
        if (record.timestamp() == null) {
            doc.putNull("timestamp");
        } else {
            doc.put("timestamp", record.timestamp());
        }
        doc.set("sourcePartition", JSON.valueToTree(record.sourcePartition()));
        doc.set("sourceOffset", JSON.valueToTree(record.sourceOffset()));
        doc.set("key", connect(keys, record.topic(), record.keySchema(), record.key()));
        doc.set("value", connect(values, record.topic(), record.valueSchema(), record.value()));
        try {
            return JSON.writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the parked form of a record of " + record.topic() + ": " + e, e);
        }
    }

    private static JsonNode connect(JsonConverter converter, String topic, org.apache.kafka.connect.data.Schema schema,
                                     Object value) {
        if (schema == null && value == null) {
            return NullNode.getInstance();
        }
        // the converter's own bytes (Jackson's defaults write NaN as "NaN"), re-read as a tree: non-finite floats
        // are turned back into numbers below
        byte[] bytes = converter.fromConnectData(topic, schema, value);
        try {
            JsonNode tree = JSON.readTree(bytes);
            return restoreNonFinite(tree, schema, tree.get("payload"), (ObjectNode) tree, "payload");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read back the JSON form of a record of " + topic + ": " + e, e);
        }
    }

    /** Replaces "NaN"/"Infinity"/"-Infinity" strings of FLOAT32/FLOAT64 fields by numbers; returns the root. */
    private static JsonNode restoreNonFinite(JsonNode root, org.apache.kafka.connect.data.Schema schema, JsonNode node,
                                             JsonNode parent, Object slot) {
        if (schema == null || node == null || node.isNull()) {
            return root;
        }
        switch (schema.type()) {
            case FLOAT32, FLOAT64 -> {
                if (node.isTextual()) {
                    double d = Double.parseDouble(node.asText());
                    if (parent instanceof ObjectNode o) {
                        o.put((String) slot, d);
                    } else if (parent instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
                        a.set((Integer) slot, JSON.getNodeFactory().numberNode(d));
                    }
                }
            }
            case STRUCT -> {
                for (org.apache.kafka.connect.data.Field f : schema.fields()) {
                    restoreNonFinite(root, f.schema(), node.get(f.name()), node, f.name());
                }
            }
            case ARRAY -> {
                for (int i = 0; i < node.size(); i++) {
                    restoreNonFinite(root, schema.valueSchema(), node.get(i), node, i);
                }
            }
            case MAP -> {
                if (node.isObject()) {
                    java.util.List<String> names = new java.util.ArrayList<>();
                    node.fieldNames().forEachRemaining(names::add);
                    for (String name : names) {
                        restoreNonFinite(root, schema.valueSchema(), node.get(name), node, name);
                    }
                }
            }
            default -> {
            }
        }
        return root;
    }

    /** The Connect record of a parked JSON document (as {@link #encode} wrote it). */
    public SourceRecord decode(byte[] json) {
        JsonNode doc;
        try {
            doc = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a parked record (" + e.getMessage() + ")", e);
        }
        if (doc == null || !FORMAT.equals(doc.path("format").asText())) {
            throw new IllegalArgumentException("not a parked record of format " + FORMAT);
        }
        String topic = doc.get("topic").asText();
        SchemaAndValue key = connect(keys, topic, doc.get("key"));
        SchemaAndValue value = connect(values, topic, doc.get("value"));
        Integer partition = doc.hasNonNull("kafkaPartition") ? doc.get("kafkaPartition").asInt() : null;
        Long timestamp = doc.hasNonNull("timestamp") ? doc.get("timestamp").asLong() : null;
        return new SourceRecord(map(doc.get("sourcePartition")), map(doc.get("sourceOffset")), topic, partition,
                key.schema(), key.value(), value.schema(), value.value(), timestamp);
    }

    /** The key's payload as compact JSON ("null" without key): identifies a change together with LSN and op. */
    public static String keyPayload(byte[] json) {
        try {
            JsonNode key = JSON.readTree(json).get("key");
            return key == null || key.isNull() ? "null" : String.valueOf(key.get("payload"));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a parked record (" + e.getMessage() + ")", e);
        }
    }

    private static SchemaAndValue connect(JsonConverter converter, String topic, JsonNode node) {
        if (node == null || node.isNull()) {
            return SchemaAndValue.NULL;
        }
        try {
            // Connect's parser refuses the bare NaN/Infinity tokens: it gets a copy with 0 there, and the real values
            // are put back into the Connect value afterwards
            JsonNode sanitized = node.deepCopy();
            boolean nonFinite = zeroNonFinite(sanitized);
            SchemaAndValue converted = converter.toConnectData(topic, JSON.writeValueAsBytes(sanitized));
            if (!nonFinite) {
                return converted;
            }
            Object value = putNonFinite(converted.schema(), node.get("payload"), converted.value());
            return new SchemaAndValue(converted.schema(), value);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot re-read the parked JSON of " + topic + ": " + e, e);
        }
    }

    /** Replaces non-finite numbers in the tree by 0; true if there were any. */
    private static boolean zeroNonFinite(JsonNode node) {
        boolean found = false;
        if (node instanceof ObjectNode o) {
            java.util.List<String> names = new java.util.ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode child = o.get(name);
                if (isNonFinite(child)) {
                    o.put(name, 0);
                    found = true;
                } else {
                    found |= zeroNonFinite(child);
                }
            }
        } else if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (isNonFinite(a.get(i))) {
                    a.set(i, JSON.getNodeFactory().numberNode(0));
                    found = true;
                } else {
                    found |= zeroNonFinite(a.get(i));
                }
            }
        }
        return found;
    }

    private static boolean isNonFinite(JsonNode n) {
        return n != null && n.isNumber() && (n.isDouble() || n.isFloat()) && !Double.isFinite(n.doubleValue());
    }

    /** Puts the non-finite floats of {@code node} into the Connect {@code value}; returns the (possibly new) value. */
    @SuppressWarnings("unchecked")
    private static Object putNonFinite(org.apache.kafka.connect.data.Schema schema, JsonNode node, Object value) {
        if (schema == null || node == null || node.isNull() || value == null) {
            return value;
        }
        switch (schema.type()) {
            case FLOAT32 -> {
                return isNonFinite(node) ? (Object) (float) node.doubleValue() : value;
            }
            case FLOAT64 -> {
                return isNonFinite(node) ? (Object) node.doubleValue() : value;
            }
            case STRUCT -> {
                org.apache.kafka.connect.data.Struct struct = (org.apache.kafka.connect.data.Struct) value;
                for (org.apache.kafka.connect.data.Field f : schema.fields()) {
                    Object before = struct.get(f);
                    Object after = putNonFinite(f.schema(), node.get(f.name()), before);
                    if (after != before) {
                        struct.put(f, after);
                    }
                }
                return struct;
            }
            case ARRAY -> {
                java.util.List<Object> list = (java.util.List<Object>) value;
                for (int i = 0; i < list.size() && i < node.size(); i++) {
                    list.set(i, putNonFinite(schema.valueSchema(), node.get(i), list.get(i)));
                }
                return list;
            }
            case MAP -> {
                if (node.isObject()) {
                    Map<Object, Object> map = (Map<Object, Object>) value;
                    for (Map.Entry<Object, Object> e : map.entrySet()) {
                        e.setValue(putNonFinite(schema.valueSchema(), node.get(String.valueOf(e.getKey())), e.getValue()));
                    }
                }
                return value;
            }
            default -> {
                return value;
            }
        }
    }

    private static Map<String, Object> map(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = JSON.convertValue(node, HashMap.class);
        return m;
    }
}
