package io.tributary.platform.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.contracts.wal.Lsn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts a trace together from what each place holds: the PostgreSQL row, the newest change event of the key in Kafka,
 * and the bronze and silver hops lakehouse-job found ({@code lakehouse-job trace}'s JSON lines). Every delay is
 * measured from the change's source commit time ({@code source.ts_ms}, the lake's {@code _source_ts_ms}), as
 * lakehouse-job's freshness metric is: silver's delay is the change's freshness. Pure.
 */
public final class TraceAssembly {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TraceAssembly() {
    }

    /** The postgres hop and the kafka hop, the part known before the lake is asked. */
    public static List<Hop> sourceHops(PostgresRow row, ChangeEvent event) {
        return List.of(postgres(row, event), kafka(event));
    }

    /** The whole trace; {@code bronze} and {@code silver} as lakehouse-job printed them. */
    public static Trace assemble(String table, PostgresRow row, ChangeEvent event, JsonNode bronze, JsonNode silver) {
        Hop b = lake("bronze", bronze, event);
        Hop s = lake("silver", silver, event);
        String stuck = null;
        if (newerInPostgres(row, event)) {
            stuck = "between PostgreSQL and Kafka: the row's latest version (transaction " + row.xmin() + ") has no change"
                    + " event yet, cdc-engine has not captured it (tributary status; tributary logs cdc-engine). The hops"
                    + " below follow the newest event in Kafka, an older change.";
        } else if (!b.arrived()) {
            stuck = "between Kafka and bronze: lakehouse-job has not appended partition " + event.partition() + " offset "
                    + event.offset() + " yet (tributary status shows its lag and any parked table; tributary logs"
                    + " lakehouse-job)";
        } else if (!s.arrived()) {
            stuck = "between bronze and silver: " + (s.lsn() == null ? "silver has no row for the key yet"
                    : "silver's row for the key is at LSN " + Lsn.format(s.lsn())) + ", not yet at this change (LSN "
                    + Lsn.format(event.lsn()) + ")";
        }
        JsonNode pgValues = row.found() ? parse(row.valuesJson()) : null;
        JsonNode silverValues = silver != null && silver.has("values") ? silver.get("values") : null;
        List<String> differing = null;
        if (pgValues != null && silverValues != null && stuck == null && s.lsn() != null && s.lsn() == event.lsn()) {
            differing = ValueDifferences.of(pgValues, silverValues);
        }
        return new Trace(table, event, List.of(postgres(row, event), kafka(event), b, s), stuck, pgValues, silverValues,
                differing);
    }

    /**
     * Whether PostgreSQL holds a newer version of the row than the event: its writer is another transaction than the
     * event's, or, for a row the initial snapshot read, a transaction after the snapshot's.
     */
    public static boolean newerInPostgres(PostgresRow row, ChangeEvent event) {
        if (!row.found()) {
            return false;
        }
        if ("d".equals(event.op())) {
            return true;
        }
        if (event.txId() == null) {
            return false;
        }
        long eventXid = event.txId() & 0xFFFFFFFFL;
        // xids compare modulo 2^32, as PostgreSQL's TransactionIdPrecedes does
        return event.snapshot() ? (int) (row.xmin() - eventXid) > 0 : row.xmin() != eventXid;
    }

    static Hop postgres(PostgresRow row, ChangeEvent event) {
        Map<String, Object> facts = new LinkedHashMap<>();
        String note;
        Long at;
        if (event.snapshot()) {
            at = null;
            note = "read by cdc-engine's initial snapshot, which has no commit time of the row";
        } else if (row.found() && row.commitTsMs() != null && !newerInPostgres(row, event)) {
            at = row.commitTsMs();
            note = "commit time from pg_xact_commit_timestamp";
        } else {
            at = event.sourceTsMs();
            note = "commit time from the change event (source.ts_ms)"
                    + (row.found() && row.commitTsMs() == null ? "; track_commit_timestamp is off" : "");
        }
        if (row.found()) {
            facts.put("xmin", row.xmin());
        } else {
            note = "no row with the key (deleted); " + note;
        }
        if (event.txId() != null) {
            facts.put("txId", event.txId());
        }
        return new Hop("postgres", true, at, at == null ? null : at - event.sourceTsMs(), event.lsn(), facts, note);
    }

    static Hop kafka(ChangeEvent event) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("topic", event.topic());
        facts.put("partition", event.partition());
        facts.put("offset", event.offset());
        facts.put("op", event.op());
        facts.put("schemaId", event.schemaId());
        if (event.schemaVersion() != null) {
            facts.put("schemaVersion", event.schemaVersion());
        }
        return new Hop("kafka", true, event.timestampMs(), event.timestampMs() - event.sourceTsMs(), event.lsn(), facts,
                null);
    }

    /** A bronze or silver hop from lakehouse-job's line; null (no line) is a hop that has not arrived. */
    static Hop lake(String name, JsonNode line, ChangeEvent event) {
        boolean arrived = line != null && line.path("arrived").asBoolean();
        Map<String, Object> facts = new LinkedHashMap<>();
        if (line == null) {
            return new Hop(name, false, null, null, null, facts, null);
        }
        for (String field : List.of("version", "batch", "operation", "partition", "offset", "deleted")) {
            if (line.has(field)) {
                JsonNode v = line.get(field);
                facts.put(field, v.isNumber() ? (Object) v.asLong() : v.isBoolean() ? (Object) v.asBoolean() : v.asText());
            }
        }
        Long lsn = line.has("lsn") ? line.get("lsn").asLong() : null;
        Long at = arrived && line.has("timestampMs") ? line.get("timestampMs").asLong() : null;
        String note = null;
        if ("silver".equals(name) && !line.path("found").asBoolean(true)) {
            note = "silver has no row for the key";
        } else if (arrived && lsn != null && lsn > event.lsn()) {
            note = "holds a newer change of the key (LSN " + Lsn.format(lsn) + ")";
        }
        return new Hop(name, arrived, at, at == null ? null : at - event.sourceTsMs(), lsn, facts, note);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + json, e);
        }
    }
}
