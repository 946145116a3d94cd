package io.tributary.contracts.metrics;

/**
 * The metric names a stage serves on {@code /metrics} and the CLI or the benchmarks read. A stage registers them from
 * here and its readers look them up from here, so a rename is one edit that both sides see.
 */
public final class MetricNames {

    private MetricNames() {
    }

    /** cdc-engine's metrics. */
    public static final class Cdc {
        /** counter by {@code table} and {@code op}: changes written to Kafka and acknowledged */
        public static final String EVENTS_TOTAL = "tributary_cdc_events_total";
        public static final String TOMBSTONES_TOTAL = "tributary_cdc_tombstones_total";
        public static final String TOAST_FILLED_TOTAL = "tributary_cdc_toast_filled_total";
        public static final String TOAST_UNAVAILABLE_TOTAL = "tributary_cdc_toast_unavailable_total";
        /** counter: heartbeats seen; the first one means the initial snapshot is over */
        public static final String HEARTBEATS_TOTAL = "tributary_cdc_heartbeats_total";
        public static final String BATCHES_TOTAL = "tributary_cdc_batches_total";
        public static final String LAST_LSN = "tributary_cdc_last_lsn";
        /** gauge: acknowledgement time minus source commit time of the last change; -1 before the first */
        public static final String LAG_SECONDS = "tributary_cdc_lag_seconds";
        public static final String LAST_SOURCE_TIMESTAMP_SECONDS = "tributary_cdc_last_source_timestamp_seconds";
        /** gauge by {@code table} and {@code reason}: 1 while the table is parked */
        public static final String TABLE_PARKED = "tributary_cdc_table_parked";
        public static final String PARKED_CHANGES_TOTAL = "tributary_cdc_parked_changes_total";
        public static final String REPLAYED_CHANGES_TOTAL = "tributary_cdc_replayed_changes_total";
        /** gauge by {@code table} and {@code problem} (a {@code TableProblem} label): 1 while the problem lasts */
        public static final String TABLE_PROBLEM = "tributary_cdc_table_problem";
        /** gauge: WAL retained by the replication slot; -1 until measured */
        public static final String RETAINED_WAL_BYTES = "tributary_cdc_retained_wal_bytes";

        private Cdc() {
        }
    }

    /** lakehouse-job's metrics. */
    public static final class Lakehouse {
        public static final String BATCHES_TOTAL = "tributary_lakehouse_batches_total";
        public static final String BATCH_FAILURES_TOTAL = "tributary_lakehouse_batch_failures_total";
        /** counter: Kafka records read */
        public static final String INPUT_ROWS_TOTAL = "tributary_lakehouse_input_rows_total";
        public static final String INPUT_ROWS_PER_SECOND = "tributary_lakehouse_input_rows_per_second";
        public static final String PROCESSED_ROWS_PER_SECOND = "tributary_lakehouse_processed_rows_per_second";
        public static final String LAST_BATCH_DURATION_SECONDS = "tributary_lakehouse_last_batch_duration_seconds";
        /** summary: micro-batch durations ({@code _sum}, {@code _count}) */
        public static final String BATCH_DURATION_SECONDS = "tributary_lakehouse_batch_duration_seconds";
        public static final String BATCH_DURATION_SECONDS_SUM = BATCH_DURATION_SECONDS + "_sum";
        public static final String BATCH_DURATION_SECONDS_COUNT = BATCH_DURATION_SECONDS + "_count";
        public static final String QUARANTINED_TOTAL = "tributary_lakehouse_quarantined_total";
        /** counter: Kafka tombstones skipped */
        public static final String KAFKA_TOMBSTONES_TOTAL = "tributary_lakehouse_kafka_tombstones_total";
        public static final String CODEGEN_COMPILATIONS_TOTAL = "tributary_lakehouse_codegen_compilations_total";
        public static final String MAINTENANCE_RUNS_TOTAL = "tributary_lakehouse_maintenance_runs_total";
        public static final String COMMIT_RETRIES_TOTAL = "tributary_lakehouse_commit_retries_total";
        /** counter: micro-batches of the gold query written to gold and serving */
        public static final String GOLD_BATCHES_TOTAL = "tributary_gold_batches_total";
        /** counter: order changes that met a window the watermark had closed (kept in gold.late_changes) */
        public static final String GOLD_LATE_CHANGES_TOTAL = "tributary_gold_late_changes_total";
        /** counter: order changes seen again at a position already applied (replays), not counted twice */
        public static final String GOLD_DUPLICATES_TOTAL = "tributary_gold_duplicates_total";
        /** gauge: gold's watermark as Unix seconds (windows ending at or before it are closed); 0 before any change */
        public static final String GOLD_WATERMARK_SECONDS = "tributary_gold_watermark_seconds";
        /** gauge: the port of Spark's web UI of the streaming job (bound where SPARK_LOCAL_IP says); 0 without a UI */
        public static final String SPARK_UI_PORT = "tributary_lakehouse_spark_ui_port";
        /** counter by {@code table}: silver rows written by MERGE */
        public static final String ROWS_MERGED_TOTAL = "tributary_lakehouse_rows_merged_total";
        /** counter by {@code table}: changes appended to bronze */
        public static final String BRONZE_ROWS_TOTAL = "tributary_lakehouse_bronze_rows_total";
        /** gauge by {@code table}, {@code reason} and {@code since_batch}: 1 while the table is parked */
        public static final String TABLE_PARKED = "tributary_lakehouse_table_parked";
        /** histogram: per applied change, silver commit visible minus source commit */
        public static final String CHANGE_FRESHNESS_SECONDS = "tributary_lakehouse_change_freshness_seconds";
        /** gauge by {@code quantile}: the same over the last minute */
        public static final String CHANGE_FRESHNESS_RECENT_SECONDS = "tributary_lakehouse_change_freshness_recent_seconds";
        /** gauge by {@code table}: now minus the newest source commit time applied */
        public static final String FRESHNESS_SECONDS = "tributary_lakehouse_freshness_seconds";
        /**
         * gauge by {@code topic} and {@code partition}: the next offset the streaming query will read (the end offset
         * of its last completed batch); a partition's end offset in Kafka minus this is what the lake has yet to read
         */
        public static final String CONSUMED_OFFSET = "tributary_lakehouse_consumed_offset";
        /** gauge by {@code table} and {@code layer}: files of the table's latest Delta version (after each write) */
        public static final String LIVE_FILES = "tributary_lakehouse_live_files";

        private Lakehouse() {
        }
    }

    /** The simulator's metrics. */
    public static final class Simulator {
        /** counter by {@code kind}: rows inserted, updated or deleted */
        public static final String CHANGES_TOTAL = "tributary_simulator_changes_total";
        public static final String EVENTS_TOTAL = "tributary_simulator_events_total";
        public static final String ROW_CHANGES_TOTAL = "tributary_simulator_row_changes_total";
        public static final String TRANSACTIONS_TOTAL = "tributary_simulator_transactions_total";
        public static final String RETRIES_TOTAL = "tributary_simulator_retries_total";
        public static final String OUT_OF_STOCK_TOTAL = "tributary_simulator_out_of_stock_total";
        public static final String SCHEMA_CHANGES_TOTAL = "tributary_simulator_schema_changes_total";
        public static final String SCHEMA_CHANGE_WAITS_TOTAL = "tributary_simulator_schema_change_waits_total";
        public static final String TARGET_RATE = "tributary_simulator_target_rate";
        public static final String START_TIME_SECONDS = "tributary_simulator_start_time_seconds";

        private Simulator() {
        }
    }

    /** The scheduler's metrics. */
    public static final class Scheduler {
        /** counter by {@code job} and {@code outcome}: runs this scheduler process ran to their end */
        public static final String RUNS_TOTAL = "tributary_scheduler_runs_total";
        /** gauge by {@code job}: 1 while this process runs the job */
        public static final String RUNNING = "tributary_scheduler_running";
        /** gauge by {@code job}: the end of its last run here as Unix seconds, 0 before one */
        public static final String LAST_RUN_END_SECONDS = "tributary_scheduler_last_run_end_seconds";

        private Scheduler() {
        }
    }
}
