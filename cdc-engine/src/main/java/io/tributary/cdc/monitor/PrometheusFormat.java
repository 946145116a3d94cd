package io.tributary.cdc.monitor;

import java.util.Map;

/** Renders {@link CdcMetrics} in the Prometheus text exposition format (version 0.0.4). */
public final class PrometheusFormat {
    private PrometheusFormat() {
    }

    public static String render(CdcMetrics m) {
        StringBuilder out = new StringBuilder(1024);
        header(out, "tributary_cdc_events_total", "counter",
                "Changes written to Kafka and acknowledged, by table and Debezium op (c, u, d, r, t); rate() gives events/s.");
        for (Map.Entry<String[], Long> e : m.eventCounts().entrySet()) {
            out.append("tributary_cdc_events_total{table=\"").append(escape(e.getKey()[0]))
                    .append("\",op=\"").append(escape(e.getKey()[1])).append("\"} ").append(e.getValue()).append('\n');
        }
        metric(out, "tributary_cdc_tombstones_total", "counter", "Tombstones written after deletes.", m.tombstones());
        metric(out, "tributary_cdc_toast_filled_total", "counter",
                "Unchanged TOAST columns whose value was taken from the before image (REPLICA IDENTITY FULL).", m.toastFilled());
        metric(out, "tributary_cdc_toast_unavailable_total", "counter",
                "Unchanged TOAST columns sent with the placeholder and listed in unavailable_columns.", m.toastUnavailable());
        metric(out, "tributary_cdc_heartbeats_total", "counter", "Heartbeat records seen (never written to Kafka).", m.heartbeats());
        metric(out, "tributary_cdc_batches_total", "counter", "Batches acknowledged by Kafka and committed to the offset store.",
                m.batches());
        metric(out, "tributary_cdc_last_lsn", "gauge", "WAL position (LSN) of the last acknowledged change or heartbeat; -1 before the first.",
                m.lastLsn());
        gauge(out, "tributary_cdc_lag_seconds", "Kafka acknowledgement time minus source commit time (ts_ms) of the last change; -1 before the first.",
                m.lastLagMs() < 0 ? -1 : m.lastLagMs() / 1000.0);
        gauge(out, "tributary_cdc_last_source_timestamp_seconds", "Source commit time of the last change (Unix seconds); -1 before the first.",
                m.lastSourceTsMs() < 0 ? -1 : m.lastSourceTsMs() / 1000.0);
        header(out, "tributary_cdc_table_parked", "gauge",
                "1 while a table is parked (its changes go to <prefix>._parked.<schema>.<table>), by table and reason "
                        + "(schema_refused, value_not_encodable, conversion_error); absent when no table is parked. "
                        + "GET /tables/parked has the message and the fix.");
        for (Map.Entry<String, String> e : m.parkedTables().entrySet()) {
            out.append("tributary_cdc_table_parked{table=\"").append(escape(e.getKey())).append("\",reason=\"")
                    .append(escape(e.getValue())).append("\"} 1\n");
        }
        header(out, "tributary_cdc_parked_changes_total", "counter",
                "Changes of parked tables written to their parking topic and acknowledged, since start.");
        for (Map.Entry<String, Long> e : m.parkedChanges().entrySet()) {
            out.append("tributary_cdc_parked_changes_total{table=\"").append(escape(e.getKey())).append("\"} ")
                    .append(e.getValue()).append('\n');
        }
        header(out, "tributary_cdc_replayed_changes_total", "counter",
                "Parked changes replayed into their table's topic by a resume and acknowledged, since start.");
        for (Map.Entry<String, Long> e : m.replayedChanges().entrySet()) {
            out.append("tributary_cdc_replayed_changes_total{table=\"").append(escape(e.getKey())).append("\"} ")
                    .append(e.getValue()).append('\n');
        }
        metric(out, "tributary_cdc_retained_wal_bytes", "gauge",
                "WAL retained by the replication slot: pg_current_wal_lsn() - restart_lsn; -1 until measured.", m.retainedWalBytes());
        return out.toString();
    }

    private static void metric(StringBuilder out, String name, String type, String help, long value) {
        header(out, name, type, help);
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void gauge(StringBuilder out, String name, String help, double value) {
        header(out, name, "gauge", help);
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
