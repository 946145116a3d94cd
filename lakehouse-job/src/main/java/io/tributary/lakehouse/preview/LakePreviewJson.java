package io.tributary.lakehouse.preview;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * The answer of {@code GET /lake/preview}: {@code {"path", "version", "latestVersion", "columns": [names],
 * "rows": [{column: value}], "rowsLeftOut", "note"}}. The rows' JSON is bounded to {@code maxRowBytes} (a quarantined
 * record carries its raw bytes): rows past the bound are left out, counted, and the note says why.
 */
final class LakePreviewJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LakePreviewJson() {
    }

    static String render(LakePreviewResult result, int maxRowBytes) {
        ObjectNode root = JSON.createObjectNode();
        root.put("path", result.path());
        root.put("version", result.version());
        root.put("latestVersion", result.latestVersion());
        ArrayNode columns = root.putArray("columns");
        result.columns().forEach(columns::add);
        ArrayNode rows = root.putArray("rows");
        long bytes = 0;
        int shown = 0;
        for (String row : result.rows()) {
            bytes += row.length();
            if (bytes > maxRowBytes) {
                break;
            }
            rows.add(parse(row));
            shown++;
        }
        int leftOut = result.rows().size() - shown;
        root.put("rowsLeftOut", leftOut);
        root.put("note", leftOut == 0 ? null : leftOut + " of the " + result.rows().size() + " rows read are left out:"
                + " the preview's rows are bounded to " + maxRowBytes + " characters of JSON");
        return root.toString();
    }

    private static ObjectNode parse(String row) {
        try {
            return (ObjectNode) JSON.readTree(row);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Spark's toJSON gave no JSON object: " + e.getOriginalMessage(), e);
        }
    }
}
