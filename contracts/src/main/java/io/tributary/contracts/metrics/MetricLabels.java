package io.tributary.contracts.metrics;

/** The label names of the metrics in {@link MetricNames} that readers group or filter by. */
public final class MetricLabels {
    /** the table: {@code schema.table} at cdc-engine, the silver table name at lakehouse-job */
    public static final String TABLE = "table";
    /** Debezium's op: c, u, d, r, t */
    public static final String OP = "op";
    /** why a table is parked */
    public static final String REASON = "reason";
    /** what keeps a captured table from the lake ({@code TableProblem} labels) */
    public static final String PROBLEM = "problem";
    /** the lake's first parked micro-batch */
    public static final String SINCE_BATCH = "since_batch";
    /** the simulator's business event kind */
    public static final String KIND = "kind";
    /** a summary's quantile */
    public static final String QUANTILE = "quantile";
    /** a histogram bucket's upper bound */
    public static final String LE = "le";
    /** a Kafka topic */
    public static final String TOPIC = "topic";
    /** a Kafka partition number */
    public static final String PARTITION = "partition";
    /** a lake layer: bronze or silver */
    public static final String LAYER = "layer";

    private MetricLabels() {
    }
}
