package io.tributary.platform.trace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.contracts.wal.Lsn;
import java.time.Instant;
import java.util.Map;

/**
 * A trace for machines: {@code table}, {@code key}, {@code op}, {@code lsn} (X/X), {@code sourceTsMs}, {@code hops}
 * (each: {@code hop}, {@code arrived}, {@code at}, {@code atMs}, {@code delayMs}, {@code lsn}, its facts, {@code note}),
 * {@code stuck}, the images and values, {@code differingColumns}. Pure.
 */
public final class TraceJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TraceJson() {
    }

    public static String of(Trace trace) {
        ObjectNode root = JSON.createObjectNode();
        ChangeEvent e = trace.event();
        root.put("table", trace.table());
        ObjectNode key = root.putObject("key");
        e.key().forEach(key::put);
        root.put("op", e.op()).put("lsn", Lsn.format(e.lsn())).put("sourceTsMs", e.sourceTsMs());
        ArrayNode hops = root.putArray("hops");
        trace.hops().forEach(h -> hops.add(hop(h)));
        root.put("stuck", trace.stuck());
        root.set("postgresValues", trace.postgresValues());
        root.set("silverValues", trace.silverValues());
        if (trace.differingColumns() == null) {
            root.putNull("differingColumns");
        } else {
            trace.differingColumns().forEach(root.putArray("differingColumns")::add);
        }
        root.set("before", jsonOrText(e.before()));
        root.set("after", jsonOrText(e.after()));
        return root.toString();
    }

    /** An image as decoded (AvroText writes JSON), kept as text if it is not JSON after all. */
    private static com.fasterxml.jackson.databind.JsonNode jsonOrText(String image) {
        if (image == null) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(image);
        } catch (java.io.IOException e) {
            return JSON.getNodeFactory().textNode(image);
        }
    }

    public static ObjectNode hop(Hop h) {
        ObjectNode node = JSON.createObjectNode().put("hop", h.name()).put("arrived", h.arrived());
        node.put("at", h.atMs() == null ? null : Instant.ofEpochMilli(h.atMs()).toString());
        node.put("atMs", h.atMs()).put("delayMs", h.delayMs());
        node.put("lsn", h.lsn() == null ? null : Lsn.format(h.lsn()));
        for (Map.Entry<String, Object> f : h.facts().entrySet()) {
            if (f.getValue() instanceof Number n) {
                node.put(f.getKey(), n.longValue());
            } else if (f.getValue() instanceof Boolean b) {
                node.put(f.getKey(), b);
            } else {
                node.put(f.getKey(), String.valueOf(f.getValue()));
            }
        }
        return node.put("note", h.note());
    }
}
