package io.tributary.lakehouse.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tributary.lakehouse.cdc.Change;
import io.tributary.lakehouse.cdc.Op;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HistoryFoldTest {

    private static final HistoryFold FOLD = new HistoryFold();
    private static final List<Object> KEY = List.of(7);

    private static Change change(Op op, long lsn, long position, String status, String note) {
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        if (op.carriesRow()) {
            values.put("id", 7);
            values.put("status", status);
            values.put("note", note);
        }
        return new Change(op == Op.TRUNCATE ? List.of() : KEY, op, lsn, position, values, Set.of(), 1000 + lsn);
    }

    private static Change toast(long lsn, long position, String status) {
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        values.put("id", 7);
        values.put("status", status);
        values.put("note", null);
        return new Change(KEY, Op.UPDATE, lsn, position, values, Set.of("note"), 1000 + lsn);
    }

    /** (status, lsn_from, lsn_to, valid_from, valid_to, op) of each version. */
    private static List<org.assertj.core.groups.Tuple> rows(List<HistoryVersion> versions) {
        return versions.stream().map(v -> tuple(v.values().get("status"), v.lsnFrom(), v.lsnTo(), v.validFromMs(),
                v.validToMs(), v.op().code())).toList();
    }

    /**
     * Applies the runs one after another, as successive history runs would, and returns the whole history. Versions
     * are kept as the table keeps them: without the operation that closed them.
     */
    private static List<HistoryVersion> runs(List<List<Change>> runs) {
        java.util.TreeMap<List<Long>, HistoryVersion> table = new java.util.TreeMap<>((a, b) -> a.get(0).equals(b.get(0))
                ? Long.compare(a.get(1), b.get(1)) : Long.compare(a.get(0), b.get(0)));
        for (List<Change> run : runs) {
            HistoryVersion latest = table.isEmpty() ? null : table.lastEntry().getValue();
            for (HistoryVersion v : FOLD.fold(latest, run)) {
                table.put(List.of(v.lsnFrom(), v.positionFrom()), new HistoryVersion(v.key(), v.values(), v.op(),
                        v.lsnFrom(), v.positionFrom(), v.validFromMs(), v.lsnTo(), v.positionTo(), v.validToMs(), null));
            }
        }
        return new ArrayList<>(table.values());
    }

    @Test
    void insertUpdatesAndDeleteGiveClosedVersionsAndNoOpenOne() {
        List<HistoryVersion> out = FOLD.fold(null, List.of(change(Op.CREATE, 10, 1, "placed", "n"),
                change(Op.UPDATE, 12, 2, "paid", "n"), change(Op.UPDATE, 15, 3, "shipped", "n"),
                change(Op.DELETE, 20, 4, null, null)));
        assertThat(rows(out)).containsExactly(
                tuple("placed", 10L, 12L, 1010L, 1012L, "c"),
                tuple("paid", 12L, 15L, 1012L, 1015L, "u"),
                tuple("shipped", 15L, 20L, 1015L, 1020L, "u"));
        assertThat(out).noneMatch(HistoryVersion::current);
    }

    @Test
    void outOfOrderInputIsAppliedInSourceOrder() {
        List<Change> changes = new ArrayList<>(List.of(change(Op.CREATE, 10, 1, "placed", "n"),
                change(Op.UPDATE, 12, 2, "paid", "n"), change(Op.UPDATE, 15, 3, "shipped", "n")));
        Collections.reverse(changes);
        List<HistoryVersion> out = FOLD.fold(null, changes);
        assertThat(rows(out)).containsExactly(
                tuple("placed", 10L, 12L, 1010L, 1012L, "c"),
                tuple("paid", 12L, 15L, 1012L, 1015L, "u"),
                tuple("shipped", 15L, null, 1015L, null, "u"));
        assertThat(out.get(2).current()).isTrue();
    }

    @Test
    void equalLsnsAreOrderedByPosition() {
        List<HistoryVersion> out = FOLD.fold(null, List.of(change(Op.UPDATE, 10, 6, "paid", "n"),
                change(Op.READ, 10, 5, "placed", "n")));
        assertThat(rows(out)).containsExactly(tuple("placed", 10L, 10L, 1010L, 1010L, "r"),
                tuple("paid", 10L, null, 1010L, null, "u"));
    }

    @Test
    void aReplayedRunWritesNothing() {
        List<Change> run = List.of(change(Op.CREATE, 10, 1, "placed", "n"), change(Op.UPDATE, 12, 2, "paid", "n"));
        List<HistoryVersion> first = FOLD.fold(null, run);
        HistoryVersion latest = first.get(first.size() - 1);
        assertThat(FOLD.fold(latest, run)).isEmpty();
        assertThat(rows(runs(List.of(run, run, run)))).isEqualTo(rows(first));
    }

    @Test
    void aChangeSentTwiceUnderANewOffsetIsOneVersion() {
        Change update = change(Op.UPDATE, 12, 2, "paid", "n");
        Change again = change(Op.UPDATE, 12, 9, "paid", "n"); // cdc-engine re-sent it after a restart
        List<HistoryVersion> inOneRun = FOLD.fold(null, List.of(change(Op.CREATE, 10, 1, "placed", "n"), update,
                again, change(Op.UPDATE, 15, 3, "shipped", "n")));
        assertThat(rows(inOneRun)).containsExactly(tuple("placed", 10L, 12L, 1010L, 1012L, "c"),
                tuple("paid", 12L, 15L, 1012L, 1015L, "u"), tuple("shipped", 15L, null, 1015L, null, "u"));

        List<HistoryVersion> acrossRuns = runs(List.of(
                List.of(change(Op.CREATE, 10, 1, "placed", "n"), update, change(Op.UPDATE, 15, 3, "shipped", "n")),
                List.of(again, change(Op.UPDATE, 15, 10, "shipped", "n"))));
        assertThat(rows(acrossRuns)).isEqualTo(rows(inOneRun));
    }

    @Test
    void aDeleteSentTwiceOrAnOlderChangeAfterItDoesNotReopenTheKey() {
        List<HistoryVersion> history = runs(List.of(
                List.of(change(Op.CREATE, 10, 1, "placed", "n"), change(Op.DELETE, 20, 2, null, null)),
                List.of(change(Op.DELETE, 20, 7, null, null), change(Op.UPDATE, 15, 8, "late", "n"))));
        assertThat(rows(history)).containsExactly(tuple("placed", 10L, 20L, 1010L, 1020L, "c"));
    }

    @Test
    void deleteThenReinsertOpensANewVersion() {
        List<HistoryVersion> history = runs(List.of(
                List.of(change(Op.CREATE, 10, 1, "placed", "a"), change(Op.DELETE, 20, 2, null, null)),
                List.of(change(Op.CREATE, 30, 3, "placed", "b"))));
        assertThat(rows(history)).containsExactly(tuple("placed", 10L, 20L, 1010L, 1020L, "c"),
                tuple("placed", 30L, null, 1030L, null, "c"));
        assertThat(history.get(1).values().get("note")).isEqualTo("b");
    }

    @Test
    void anUpdateClosesTheStoredOpenVersion() {
        HistoryVersion stored = new HistoryVersion(KEY, Map.of("id", 7, "status", "placed", "note", "n"), Op.READ, 5,
                0, 1005, null, null, null, null);
        List<HistoryVersion> out = FOLD.fold(stored, List.of(change(Op.UPDATE, 12, 2, "paid", "n")));
        assertThat(rows(out)).containsExactly(tuple("placed", 5L, 12L, 1005L, 1012L, "r"),
                tuple("paid", 12L, null, 1012L, null, "u"));
    }

    @Test
    void unavailableToastColumnsKeepTheOpenVersionsValue() {
        List<HistoryVersion> out = FOLD.fold(null, List.of(change(Op.CREATE, 10, 1, "placed", "long text"),
                toast(12, 2, "paid")));
        assertThat(out.get(1).values()).containsEntry("note", "long text").containsEntry("status", "paid");

        HistoryVersion deleted = out.get(1).closedAt(20, 3, 1020, Op.DELETE);
        assertThat(FOLD.fold(deleted, List.of(toast(30, 4, "odd"))).get(0).values()).containsEntry("note", null);
    }

    @Test
    void aTruncateClosesTheOpenVersionOnceAndLaterInsertsReopen() {
        Change truncate = change(Op.TRUNCATE, 25, 5, null, null);
        List<HistoryVersion> history = runs(List.of(
                List.of(change(Op.CREATE, 10, 1, "placed", "n"), truncate),
                List.of(truncate, change(Op.CREATE, 30, 6, "again", "n"))));
        assertThat(rows(history)).containsExactly(tuple("placed", 10L, 25L, 1010L, 1025L, "c"),
                tuple("again", 30L, null, 1030L, null, "c"));
        assertThat(FOLD.fold(null, List.of(truncate))).as("no open version: nothing to close").isEmpty();
    }
}
