package io.tributary.cdc.monitor;

import static io.tributary.contracts.metrics.MetricLabels.OP;
import static io.tributary.contracts.metrics.MetricLabels.PROBLEM;
import static io.tributary.contracts.metrics.MetricLabels.REASON;
import static io.tributary.contracts.metrics.MetricLabels.TABLE;

import io.tributary.contracts.metrics.MetricNames.Cdc;
import io.tributary.contracts.prometheus.PrometheusWriter;
import io.tributary.contracts.tables.TableProblem;
import java.util.List;
import java.util.Map;

/** Renders {@link CdcMetrics} in the Prometheus text exposition format (version 0.0.4), names from the contracts. */
public final class PrometheusFormat {
    private PrometheusFormat() {
    }

    public static String render(CdcMetrics m) {
        PrometheusWriter out = new PrometheusWriter();
        out.family(Cdc.EVENTS_TOTAL, "counter",
                "Changes written to Kafka and acknowledged, by table and Debezium op (c, u, d, r, t); rate() gives events/s.");
        for (Map.Entry<String[], Long> e : m.eventCounts().entrySet()) {
            out.sample(Cdc.EVENTS_TOTAL, e.getValue(), TABLE, e.getKey()[0], OP, e.getKey()[1]);
        }
        out.counter(Cdc.TOMBSTONES_TOTAL, "Tombstones written after deletes.", m.tombstones());
        out.counter(Cdc.TOAST_FILLED_TOTAL,
                "Unchanged TOAST columns whose value was taken from the before image (REPLICA IDENTITY FULL).", m.toastFilled());
        out.counter(Cdc.TOAST_UNAVAILABLE_TOTAL,
                "Unchanged TOAST columns sent with the placeholder and listed in unavailable_columns.", m.toastUnavailable());
        out.counter(Cdc.HEARTBEATS_TOTAL, "Heartbeat records seen (never written to Kafka).", m.heartbeats());
        out.counter(Cdc.BATCHES_TOTAL, "Batches acknowledged by Kafka and committed to the offset store.", m.batches());
        out.gauge(Cdc.LAST_LSN, "WAL position (LSN) of the last acknowledged change or heartbeat; -1 before the first.",
                m.lastLsn());
        out.gauge(Cdc.LAG_SECONDS, "Kafka acknowledgement time minus source commit time (ts_ms) of the last change; -1 before the first.",
                m.lastLagMs() < 0 ? -1 : m.lastLagMs() / 1000.0);
        out.gauge(Cdc.LAST_SOURCE_TIMESTAMP_SECONDS, "Source commit time of the last change (Unix seconds); -1 before the first.",
                m.lastSourceTsMs() < 0 ? -1 : m.lastSourceTsMs() / 1000.0);
        out.family(Cdc.TABLE_PARKED, "gauge",
                "1 while a table is parked (its changes go to <prefix>._parked.<schema>.<table>), by table and reason "
                        + "(schema_refused, value_not_encodable, conversion_error); absent when no table is parked. "
                        + "GET /tables/parked has the message and the fix.");
        for (Map.Entry<String, String> e : m.parkedTables().entrySet()) {
            out.sample(Cdc.TABLE_PARKED, 1, TABLE, e.getKey(), REASON, e.getValue());
        }
        out.family(Cdc.PARKED_CHANGES_TOTAL, "counter",
                "Changes of parked tables written to their parking topic and acknowledged, since start.");
        for (Map.Entry<String, Long> e : m.parkedChanges().entrySet()) {
            out.sample(Cdc.PARKED_CHANGES_TOTAL, e.getValue(), TABLE, e.getKey());
        }
        out.family(Cdc.REPLAYED_CHANGES_TOTAL, "counter",
                "Parked changes replayed into their table's topic by a resume and acknowledged, since start.");
        for (Map.Entry<String, Long> e : m.replayedChanges().entrySet()) {
            out.sample(Cdc.REPLAYED_CHANGES_TOTAL, e.getValue(), TABLE, e.getKey());
        }
        out.family(Cdc.TABLE_PROBLEM, "gauge",
                "1 while a table of the captured schemas has a problem that keeps it from the lake, by table and "
                        + "problem (not_readable, replica_identity_nothing, no_primary_key); cdc-engine's log has the "
                        + "statement that fixes it.");
        for (Map.Entry<String, List<TableProblem>> e : m.tableProblems().entrySet()) {
            for (TableProblem p : e.getValue()) {
                out.sample(Cdc.TABLE_PROBLEM, 1, TABLE, e.getKey(), PROBLEM, p.label());
            }
        }
        out.gauge(Cdc.RETAINED_WAL_BYTES,
                "WAL retained by the replication slot: pg_current_wal_lsn() - restart_lsn; -1 until measured.", m.retainedWalBytes());
        return out.toString();
    }

    static String escape(String label) {
        return PrometheusWriter.escape(label);
    }
}
