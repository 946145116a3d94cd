package io.tributary.console;

import java.util.OptionalLong;

/**
 * One table's counts as the console shows them: rows in PostgreSQL now (count(*)), the changes cdc-engine captured,
 * appended to bronze and merged into silver since each stage started (their /metrics counters), and the rows of
 * silver as the latest reconcile counted them (reading silver needs a Spark session: the console does not start one).
 * Empty: not known (the stage does not answer, or no reconcile ran yet).
 */
public record TableCounts(String table, OptionalLong postgresRows, OptionalLong captured, OptionalLong bronze,
        OptionalLong merged, OptionalLong silverRowsAtReconcile) {
}
