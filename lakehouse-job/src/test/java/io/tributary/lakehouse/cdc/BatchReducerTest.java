package io.tributary.lakehouse.cdc;

import static io.tributary.lakehouse.cdc.Changes.delete;
import static io.tributary.lakehouse.cdc.Changes.insert;
import static io.tributary.lakehouse.cdc.Changes.toastUpdate;
import static io.tributary.lakehouse.cdc.Changes.truncate;
import static io.tributary.lakehouse.cdc.Changes.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchReducerTest {

    private final BatchReducer reducer = new BatchReducer();

    @Test
    void keepsTheLastChangePerKeyBySourceOrderNotArrivalOrder() {
        ReducedBatch batch = reducer.reduce(List.of(update(1, 30, "c"), insert(1, 10, "a"), update(1, 20, "b"),
                insert(2, 15, "x")));

        assertThat(batch.truncateLsn()).isEmpty();
        assertThat(batch.changes()).extracting(c -> c.key().get(0), Change::lsn, c -> c.values().get("name"))
                .containsExactly(tuple(2, 15L, "x"), tuple(1, 30L, "c"));
    }

    @Test
    void breaksLsnTiesByPosition() {
        Change snapshot = Changes.upsert(Op.READ, 7, 100, 5, "snapshot", null);
        Change streamed = Changes.upsert(Op.UPDATE, 7, 100, 6, "streamed", null);

        assertThat(reducer.reduce(List.of(streamed, snapshot)).changes())
                .singleElement().satisfies(c -> assertThat(c.values().get("name")).isEqualTo("streamed"));
        assertThat(reducer.reduce(List.of(snapshot, streamed)).changes())
                .singleElement().satisfies(c -> assertThat(c.position()).isEqualTo(6));
    }

    @Test
    void deleteThenInsertKeepsTheInsert() {
        ReducedBatch batch = reducer.reduce(List.of(insert(1, 10, "a"), delete(1, 20), insert(1, 30, "again")));

        assertThat(batch.changes()).singleElement().satisfies(c -> {
            assertThat(c.op()).isEqualTo(Op.CREATE);
            assertThat(c.values()).containsEntry("name", "again");
        });
    }

    @Test
    void insertThenDeleteKeepsTheDelete() {
        ReducedBatch batch = reducer.reduce(List.of(insert(1, 10, "a"), delete(1, 20)));

        assertThat(batch.changes()).singleElement().extracting(Change::op, Change::lsn)
                .containsExactly(Op.DELETE, 20L);
    }

    @Test
    void toastColumnIsFilledFromTheEarlierImageInTheSameBatch() {
        ReducedBatch batch = reducer.reduce(List.of(insert(1, 10, "a"), toastUpdate(1, 20, "b")));

        assertThat(batch.changes()).singleElement().satisfies(c -> {
            assertThat(c.values()).containsEntry("name", "b").containsEntry("note", "n-a");
            assertThat(c.unavailable()).isEmpty();
        });
    }

    @Test
    void toastColumnStaysUnavailableWhenNoEarlierImageKnowsIt() {
        ReducedBatch batch = reducer.reduce(List.of(toastUpdate(1, 10, "a"), toastUpdate(1, 20, "b")));

        assertThat(batch.changes()).singleElement().satisfies(c -> {
            assertThat(c.values()).containsEntry("name", "b");
            assertThat(c.unavailable()).containsExactly("note");
        });
    }

    @Test
    void toastColumnIsNotTakenFromADeletedImage() {
        ReducedBatch batch = reducer.reduce(List.of(insert(1, 5, "a"), delete(1, 10), toastUpdate(1, 20, "b")));

        assertThat(batch.changes()).singleElement().satisfies(c -> assertThat(c.unavailable()).containsExactly("note"));
    }

    @Test
    void truncateDropsEarlierChangesAndKeepsLaterOnes() {
        ReducedBatch batch = reducer.reduce(List.of(insert(1, 10, "a"), insert(2, 11, "b"), truncate(20),
                insert(3, 30, "c"), update(1, 31, "a2")));

        assertThat(batch.truncateLsn()).hasValue(20L);
        assertThat(batch.changes()).extracting(c -> c.key().get(0)).containsExactly(3, 1);
    }

    @Test
    void onlyTheLatestTruncateCounts() {
        ReducedBatch batch = reducer.reduce(List.of(truncate(20), insert(1, 25, "a"), truncate(40), insert(2, 45, "b")));

        assertThat(batch.truncateLsn()).hasValue(40L);
        assertThat(batch.changes()).extracting(c -> c.key().get(0)).containsExactly(2);
    }

    @Test
    void compositeKeysAreReducedPerFullKey() {
        Change a = new Change(List.of(1, "x"), Op.CREATE, 10, 1, Map.of("a", 1, "b", "x"), Set.of(), 0);
        Change b = new Change(List.of(1, "y"), Op.CREATE, 11, 2, Map.of("a", 1, "b", "y"), Set.of(), 0);
        Change aDeleted = new Change(List.of(1, "x"), Op.DELETE, 12, 3, Map.of(), Set.of(), 0);

        assertThat(reducer.reduce(List.of(a, b, aDeleted)).changes()).extracting(Change::key, Change::op)
                .containsExactly(tuple(List.of(1, "y"), Op.CREATE), tuple(List.of(1, "x"), Op.DELETE));
    }

    @Test
    void emptyBatchIsEmpty() {
        ReducedBatch batch = reducer.reduce(List.of());
        assertThat(batch.changes()).isEmpty();
        assertThat(batch.truncateLsn()).isEmpty();
    }
}
