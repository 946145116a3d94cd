package io.tributary.contracts.reconcile;

import java.util.List;

/**
 * The report {@code reconcile --json} prints (lakehouse-job) and the CLI reads (platform), as {@link ReconcileJson}
 * writes and reads it.
 *
 * @param equal          whether silver holds exactly PostgreSQL's rows, parked tables included, and no lake-only table
 * @param outcome        the verdict
 * @param snapshotLsn    the PostgreSQL LSN of the snapshot (text form)
 * @param caughtUp       whether the lake was seen to apply everything up to the snapshot LSN before comparing
 * @param catchUpDetail  what the wait saw
 * @param waitMillis     time spent waiting for the lake
 * @param compareMillis  time spent reading and comparing
 * @param tables         one result per compared table
 * @param lakeOnlyTables silver tables with no PostgreSQL table
 * @param history        history's current rows against silver, per table ({@code reconcile --history}); empty when
 *                       not asked
 */
public record ReconcileResult(boolean equal, ReconcileOutcome outcome, String snapshotLsn, boolean caughtUp,
        String catchUpDetail, long waitMillis, long compareMillis, List<TableResult> tables, List<String> lakeOnlyTables,
        List<HistoryResult> history) {

    public ReconcileResult {
        tables = List.copyOf(tables);
        lakeOnlyTables = List.copyOf(lakeOnlyTables);
        history = List.copyOf(history);
    }

    /** A report without the history check. */
    public ReconcileResult(boolean equal, ReconcileOutcome outcome, String snapshotLsn, boolean caughtUp,
            String catchUpDetail, long waitMillis, long compareMillis, List<TableResult> tables,
            List<String> lakeOnlyTables) {
        this(equal, outcome, snapshotLsn, caughtUp, catchUpDetail, waitMillis, compareMillis, tables, lakeOnlyTables,
                List.of());
    }

    /**
     * One table's SCD2 history against silver: its current versions against silver's live rows, over every column both
     * have, keys changed after the snapshot left out.
     *
     * @param onlyInHistory current versions with no equal live row in silver
     * @param onlyInSilver  live silver rows with no equal current version
     * @param inFlight      keys left out: changed after the snapshot's LSN
     * @param firstKeys     some keys of the differing rows
     */
    public record HistoryResult(String table, boolean equal, long historyRows, long silverRows, long onlyInHistory,
            long onlyInSilver, long inFlight, List<String> firstKeys) {

        public HistoryResult {
            firstKeys = List.copyOf(firstKeys);
        }
    }

    /**
     * One compared table.
     *
     * @param postgresRows rows in PostgreSQL (compared ones)
     * @param silverRows   live rows in silver (compared ones)
     * @param inFlight     keys left out because silver holds a change newer than the snapshot
     * @param bronzeRows   rows of the bronze changelog, -1 when not read
     * @param parked       why the table's changes are held back, null when it streams
     * @param problem      why the table could not be compared, with the statement that fixes it (the CDC role cannot
     *                     read it); empty when it was compared
     */
    public record TableResult(String table, boolean equal, long postgresRows, long silverRows, long missing, long extra,
            long differing, long inFlight, long bronzeRows, List<String> firstMissing, List<String> firstExtra,
            List<String> firstDiffering, List<String> missingColumns, ParkedBy parked, String problem) {

        public TableResult {
            firstMissing = List.copyOf(firstMissing);
            firstExtra = List.copyOf(firstExtra);
            firstDiffering = List.copyOf(firstDiffering);
            missingColumns = List.copyOf(missingColumns);
            problem = problem == null ? "" : problem;
        }

        /** A compared table. */
        public TableResult(String table, boolean equal, long postgresRows, long silverRows, long missing, long extra,
                long differing, long inFlight, long bronzeRows, List<String> firstMissing, List<String> firstExtra,
                List<String> firstDiffering, List<String> missingColumns, ParkedBy parked) {
            this(table, equal, postgresRows, silverRows, missing, extra, differing, inFlight, bronzeRows, firstMissing,
                    firstExtra, firstDiffering, missingColumns, parked, "");
        }
    }

    /**
     * Which stage parked a table and why.
     *
     * @param stage  {@code lakehouse-job} or {@code cdc-engine}
     * @param since  the lake's first parked micro-batch, empty when not known
     */
    public record ParkedBy(String stage, String reason, String since) {
    }
}
