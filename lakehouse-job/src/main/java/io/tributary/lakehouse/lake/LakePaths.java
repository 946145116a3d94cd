package io.tributary.lakehouse.lake;

/** Where the tables live under the lake root (see docs/DEVELOPING.md). */
public record LakePaths(String root) {

    public LakePaths {
        root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    }

    public String bronzeRoot() {
        return root + "/bronze";
    }

    public String silverRoot() {
        return root + "/silver";
    }

    public String bronze(String table) {
        return bronzeRoot() + "/" + table;
    }

    public String silver(String table) {
        return silverRoot() + "/" + table;
    }

    /** The gold stage's tables (docs/gold.md). */
    public String goldRoot() {
        return root + "/gold";
    }

    public String gold(String table) {
        return goldRoot() + "/" + table;
    }

    /** The SCD type 2 history tables (docs/history.md). */
    public String historyRoot() {
        return root + "/history";
    }

    public String history(String table) {
        return historyRoot() + "/" + table;
    }

    /** Per table and Kafka partition, the highest bronze offset the history has applied. */
    public String historyWatermarks() {
        return root + "/_history_watermarks";
    }

    public String quarantine() {
        return root + "/quarantine";
    }

    /** The raw records of parked tables (see parking.TableParking). */
    public String parked() {
        return root + "/_parked";
    }

    /** The log of table states (parked, streaming). */
    public String tableStates() {
        return root + "/_table_states";
    }

    /** A Spark SQL reference to the Delta table at {@code path}. */
    public static String deltaRef(String path) {
        return "delta.`" + path.replace("`", "``") + "`";
    }
}
