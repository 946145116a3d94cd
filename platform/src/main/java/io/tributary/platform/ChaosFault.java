package io.tributary.platform;

import java.util.Arrays;
import java.util.List;

/** The faults {@code tributary chaos} injects, by the name its summary line prints. */
enum ChaosFault {
    /** SIGKILL cdc-engine while it streams */
    KILL_CDC_ENGINE("kill-cdc-engine"),
    /** SIGKILL cdc-engine during the initial snapshot of a large table (once, at the start; not scheduled) */
    KILL_CDC_ENGINE_IN_SNAPSHOT("kill-cdc-engine-in-snapshot"),
    /** SIGKILL lakehouse-job at a random moment */
    KILL_LAKEHOUSE_JOB("kill-lakehouse-job"),
    /** SIGKILL lakehouse-job a seeded fraction of a trigger interval after its batch counter moved: inside the next batch */
    KILL_LAKEHOUSE_JOB_IN_BATCH("kill-lakehouse-job-in-batch"),
    /** SIGKILL the Kafka broker (the supervisor restarts it on the same data) */
    KILL_KAFKA("kill-kafka"),
    /** a clean PostgreSQL restart (fast shutdown, start on the same data) */
    RESTART_POSTGRES("restart-postgres"),
    /** stop the schema registry for the registry outage, then start it again */
    STOP_REGISTRY("stop-registry"),
    /** stop S3 for the S3 outage, then start it again */
    STOP_S3("stop-s3"),
    /** write poison records (random bytes, a wrong magic byte, an unknown schema id) straight into a CDC topic */
    POISON("poison"),
    /**
     * create a new table in schema shop ({@code chaos_edge_<n>}) with edge values (numeric without precision, NULL and
     * not; timestamps of years 1 and 9999; the date 9999-12-31), then update and delete rows of it
     */
    NEW_TABLE_EDGE_VALUES("new-table-edge-values"),
    /**
     * a change of a column the registry refuses under BACKWARD ({@code ALTER COLUMN v TYPE text}, on later occurrences
     * {@code SET NOT NULL}) on a table of its
     * own ({@code chaos_alter_<n>}) while its rows change: cdc-engine parks the table, the others flow; then
     * {@code schema accept} and {@code resume}
     */
    INCOMPATIBLE_COLUMN_CHANGE("incompatible-column-change"),
    /**
     * a CHECK constraint on the silver table of a table of its own ({@code chaos_lake_<n>}) and a change in PostgreSQL
     * that breaks it, while its rows change: the lakehouse job parks that table, the shop's tables keep flowing into the
     * lake; then the constraint is dropped and the table resumed
     */
    LAKE_WRITE_REFUSED("lake-write-refused");

    private final String id;

    ChaosFault(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    /** The faults a schedule picks from (the snapshot kill happens once, before the storm). */
    static List<ChaosFault> scheduled() {
        return Arrays.stream(values()).filter(f -> f != KILL_CDC_ENGINE_IN_SNAPSHOT).toList();
    }
}
