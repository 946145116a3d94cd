package io.tributary.console.lake;

import com.fasterxml.jackson.databind.node.TextNode;

/** Delta log commits as Delta 4.0 writes them for a small silver table: create, append, then a MERGE. */
public final class DeltaLogSamples {
    public static final String SCHEMA_V0 = "{\"type\":\"struct\",\"fields\":["
            + "{\"name\":\"order_id\",\"type\":\"long\",\"nullable\":false,\"metadata\":{}},"
            + "{\"name\":\"status\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}},"
            + "{\"name\":\"price\",\"type\":\"decimal(12,2)\",\"nullable\":true,\"metadata\":{}},"
            + "{\"name\":\"_key\",\"type\":{\"type\":\"struct\",\"fields\":[{\"name\":\"order_id\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}}]},\"nullable\":true,\"metadata\":{}},"
            + "{\"name\":\"_deleted\",\"type\":\"boolean\",\"nullable\":true,\"metadata\":{}}]}";

    public static final String COMMIT_0 = String.join("\n",
            "{\"commitInfo\":{\"timestamp\":1796600000000,\"operation\":\"CREATE TABLE\",\"operationParameters\":{\"partitionBy\":\"[]\"},"
                    + "\"isolationLevel\":\"Serializable\",\"isBlindAppend\":true,\"operationMetrics\":{},\"engineInfo\":\"Apache-Spark/4.0.4 Delta-Lake/4.0.1\"}}",
            "{\"metaData\":{\"id\":\"8f1c\",\"format\":{\"provider\":\"parquet\",\"options\":{}},\"schemaString\":"
                    + TextNode.valueOf(SCHEMA_V0) + ",\"partitionColumns\":[],\"configuration\":{},\"createdTime\":1796600000000}}",
            "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}",
            "");

    public static final String COMMIT_1 = String.join("\n",
            "{\"commitInfo\":{\"timestamp\":1796600005000,\"operation\":\"WRITE\",\"operationParameters\":{\"mode\":\"Append\"},"
                    + "\"operationMetrics\":{\"numFiles\":\"2\",\"numOutputRows\":\"3\",\"numOutputBytes\":\"2048\"}}}",
            "{\"add\":{\"path\":\"part-00000-a.snappy.parquet\",\"partitionValues\":{},\"size\":1000,\"modificationTime\":1796600004000,\"dataChange\":true,\"stats\":\"{\\\"numRecords\\\":2}\"}}",
            "{\"add\":{\"path\":\"part-00001-b.snappy.parquet\",\"partitionValues\":{},\"size\":1048,\"modificationTime\":1796600004500,\"dataChange\":true,\"stats\":\"{\\\"numRecords\\\":1}\"}}",
            "");

    public static final String COMMIT_2 = String.join("\n",
            "{\"commitInfo\":{\"timestamp\":1796600010000,\"operation\":\"MERGE\",\"operationParameters\":{\"predicate\":\"[\\\"(order_id = order_id)\\\"]\"},"
                    + "\"operationMetrics\":{\"numTargetRowsUpdated\":\"1\",\"numTargetRowsInserted\":\"1\",\"numTargetFilesAdded\":\"1\",\"numTargetFilesRemoved\":\"1\"}}}",
            "{\"remove\":{\"path\":\"part-00000-a.snappy.parquet\",\"deletionTimestamp\":1796600010000,\"dataChange\":true,\"extendedFileMetadata\":true,\"partitionValues\":{},\"size\":1000}}",
            "{\"add\":{\"path\":\"part-00002-c.snappy.parquet\",\"partitionValues\":{},\"size\":1500,\"modificationTime\":1796600009000,\"dataChange\":true}}",
            "{\"add\":{\"path\":\"part-00001-b.snappy.parquet\",\"partitionValues\":{},\"size\":1048,\"modificationTime\":1796600004500,\"dataChange\":true,"
                    + "\"deletionVector\":{\"storageType\":\"u\",\"pathOrInlineDv\":\"ab^-aqEH.-t@S}K{vb[*k^\",\"offset\":1,\"sizeInBytes\":34,\"cardinality\":1}}}",
            "");

    private DeltaLogSamples() {
    }
}
