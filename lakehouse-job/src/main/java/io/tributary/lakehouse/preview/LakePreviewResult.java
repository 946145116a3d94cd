package io.tributary.lakehouse.preview;

import java.util.List;

/**
 * The first rows of a Delta table at one version: {@code rows} as JSON objects (Spark's {@code Dataset.toJSON}: a null
 * value has no field), {@code columns} the schema's column names in order.
 */
public record LakePreviewResult(String path, long version, long latestVersion, List<String> columns, List<String> rows) {

    public LakePreviewResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}
