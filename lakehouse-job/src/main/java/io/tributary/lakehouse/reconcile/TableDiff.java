package io.tributary.lakehouse.reconcile;

import java.util.List;

/**
 * The comparison of one table: PostgreSQL (one snapshot) against silver (live rows).
 *
 * @param table         table name
 * @param sourceRows    rows in PostgreSQL (compared ones)
 * @param lakeRows      live rows in silver (compared ones)
 * @param missing       keys in PostgreSQL but not in silver
 * @param extra         keys in silver but not in PostgreSQL
 * @param differing     keys in both whose values differ
 * @param inFlight      keys left out because silver holds a change newer than the snapshot (writers still running)
 * @param firstMissing  the first missing keys (sorted), at most the sample size
 * @param firstExtra    the first extra keys
 * @param firstDiffering the first differing keys
 * @param missingColumns PostgreSQL columns silver does not have (every row then differs)
 * @param bronzeRows    rows of the bronze changelog, or -1 when not read
 * @param parked        why the table's changes are held back (a stage parked it), null when it streams
 * @param problem       why the table could not be compared and the statement that fixes it, null when it was compared
 */
public record TableDiff(String table, long sourceRows, long lakeRows, long missing, long extra, long differing,
        long inFlight, List<String> firstMissing, List<String> firstExtra, List<String> firstDiffering,
        List<String> missingColumns, long bronzeRows, ParkedState parked, String problem) {

    public TableDiff(String table, long sourceRows, long lakeRows, long missing, long extra, long differing,
            long inFlight, List<String> firstMissing, List<String> firstExtra, List<String> firstDiffering,
            List<String> missingColumns, long bronzeRows, ParkedState parked) {
        this(table, sourceRows, lakeRows, missing, extra, differing, inFlight, firstMissing, firstExtra, firstDiffering,
                missingColumns, bronzeRows, parked, null);
    }

    /** A table reconcile could not compare (PostgreSQL does not let the CDC role read it): {@code problem} says why. */
    public static TableDiff notCompared(String table, String problem) {
        return new TableDiff(table, 0, 0, 0, 0, 0, 0, List.of(), List.of(), List.of(), List.of(), -1, null, problem);
    }

    public TableDiff(String table, long sourceRows, long lakeRows, long missing, long extra, long differing,
            long inFlight, List<String> firstMissing, List<String> firstExtra, List<String> firstDiffering,
            List<String> missingColumns, long bronzeRows) {
        this(table, sourceRows, lakeRows, missing, extra, differing, inFlight, firstMissing, firstExtra, firstDiffering,
                missingColumns, bronzeRows, null);
    }

    /** Whether silver holds exactly PostgreSQL's rows (whether or not the table is parked); false when not compared. */
    public boolean equal() {
        return problem == null && missing == 0 && extra == 0 && differing == 0 && missingColumns.isEmpty();
    }

    public boolean compared() {
        return problem == null;
    }

    public boolean isParked() {
        return parked != null;
    }

    /** {@code equal}, {@code DIFFERENT}, {@code NOT COMPARED} (see {@link #problem}), or for a parked table {@code PARKED} (its differences are held back, not lost). */
    public String result() {
        return !compared() ? "NOT COMPARED" : isParked() ? "PARKED" : equal() ? "equal" : "DIFFERENT";
    }

    public TableDiff withBronzeRows(long rows) {
        return new TableDiff(table, sourceRows, lakeRows, missing, extra, differing, inFlight, firstMissing, firstExtra,
                firstDiffering, missingColumns, rows, parked, problem);
    }

    public TableDiff withParked(ParkedState state) {
        return new TableDiff(table, sourceRows, lakeRows, missing, extra, differing, inFlight, firstMissing, firstExtra,
                firstDiffering, missingColumns, bronzeRows, state, problem);
    }
}
