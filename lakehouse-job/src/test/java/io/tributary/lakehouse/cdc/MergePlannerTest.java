package io.tributary.lakehouse.cdc;

import static io.tributary.lakehouse.cdc.Changes.COLUMNS;
import static io.tributary.lakehouse.cdc.Changes.KEY;
import static io.tributary.lakehouse.cdc.Changes.delete;
import static io.tributary.lakehouse.cdc.Changes.insert;
import static io.tributary.lakehouse.cdc.Changes.stored;
import static io.tributary.lakehouse.cdc.Changes.storedTombstone;
import static io.tributary.lakehouse.cdc.Changes.toastUpdate;
import static io.tributary.lakehouse.cdc.Changes.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MergePlannerTest {

    private final MergePlanner planner = new MergePlanner(KEY, COLUMNS);

    @Test
    void insertIntoAnEmptySlotWritesTheRow() {
        SilverRow row = planner.resolve(Optional.empty(), insert(1, 10, "a")).orElseThrow();

        assertThat(row.values()).containsExactly(Map.entry("id", 1), Map.entry("name", "a"), Map.entry("note", "n-a"));
        assertThat(row.lsn()).isEqualTo(10);
        assertThat(row.deleted()).isFalse();
        assertThat(row.op()).isEqualTo(Op.CREATE);
        assertThat(row.sourceTsMs()).isEqualTo(100);
    }

    @Test
    void newerUpdateReplacesTheStoredRow() {
        SilverRow row = planner.resolve(Optional.of(stored(1, 10, "a", "n")), update(1, 20, "b")).orElseThrow();

        assertThat(row.values()).containsEntry("name", "b").containsEntry("note", "n-b");
        assertThat(row.lsn()).isEqualTo(20);
    }

    @Test
    void changeWithAnOlderOrEqualLsnIsIgnored() {
        SilverRow current = stored(1, 20, "b", "n");

        assertThat(planner.resolve(Optional.of(current), update(1, 10, "older"))).isEmpty();
        assertThat(planner.resolve(Optional.of(current), update(1, 20, "same lsn: a replay"))).isEmpty();
    }

    @Test
    void aChangeSharingTheStoredLsnButLaterInThePartitionIsApplied() {
        SilverRow current = stored(1, 20, "b", "n"); // position 20

        assertThat(planner.resolve(Optional.of(current), Changes.upsert(Op.UPDATE, 1, 20, 21, "later", "x")))
                .hasValueSatisfying(r -> assertThat(r.values()).containsEntry("name", "later"));
        assertThat(planner.resolve(Optional.of(current), Changes.upsert(Op.UPDATE, 1, 20, 19, "earlier", "x")))
                .isEmpty();
    }

    @Test
    void deleteLeavesATombstoneWithOnlyTheKey() {
        SilverRow row = planner.resolve(Optional.of(stored(1, 10, "a", "n")), delete(1, 20)).orElseThrow();

        assertThat(row.deleted()).isTrue();
        assertThat(row.op()).isEqualTo(Op.DELETE);
        assertThat(row.lsn()).isEqualTo(20);
        assertThat(row.values()).containsEntry("id", 1).containsEntry("name", null).containsEntry("note", null);
    }

    @Test
    void deleteOfAnUnknownKeyStillLeavesATombstone() {
        SilverRow row = planner.resolve(Optional.empty(), delete(5, 20)).orElseThrow();

        assertThat(row.deleted()).isTrue();
        assertThat(row.values()).containsEntry("id", 5);
    }

    @Test
    void oldInsertReplayedAfterADeleteDoesNotResurrectTheRow() {
        assertThat(planner.resolve(Optional.of(storedTombstone(1, 20)), insert(1, 10, "ghost"))).isEmpty();
    }

    @Test
    void newInsertAfterADeleteBringsTheRowBack() {
        SilverRow row = planner.resolve(Optional.of(storedTombstone(1, 20)), insert(1, 30, "back")).orElseThrow();

        assertThat(row.deleted()).isFalse();
        assertThat(row.values()).containsEntry("name", "back");
    }

    @Test
    void toastPlaceholderKeepsTheStoredValue() {
        SilverRow row = planner.resolve(Optional.of(stored(1, 10, "a", "a long text")), toastUpdate(1, 20, "b"))
                .orElseThrow();

        assertThat(row.values()).containsEntry("name", "b").containsEntry("note", "a long text");
    }

    @Test
    void toastPlaceholderWithoutALiveStoredRowBecomesNull() {
        assertThat(planner.resolve(Optional.empty(), toastUpdate(1, 20, "b")).orElseThrow().values())
                .containsEntry("note", null);
        assertThat(planner.resolve(Optional.of(storedTombstone(1, 10)), toastUpdate(1, 20, "b")).orElseThrow()
                .values()).containsEntry("note", null);
    }

    @Test
    void columnsMissingFromTheChangeBecomeNull() {
        Change withoutNote = new Change(List.of(1), Op.UPDATE, 20, 20, Map.of("id", 1, "name", "b"), Set.of(), 0);

        SilverRow row = planner.resolve(Optional.of(stored(1, 10, "a", "dropped later")), withoutNote).orElseThrow();

        assertThat(row.values()).containsEntry("note", null).containsEntry("name", "b");
    }

    @Test
    void truncateTombstonesOlderRowsOnly() {
        SilverRow older = stored(1, 10, "a", "n");
        SilverRow newer = stored(2, 50, "b", "n");

        SilverRow tombstone = planner.truncate(older, 30, 300).orElseThrow();
        assertThat(tombstone.deleted()).isTrue();
        assertThat(tombstone.op()).isEqualTo(Op.TRUNCATE);
        assertThat(tombstone.lsn()).isEqualTo(30);
        assertThat(tombstone.values()).containsEntry("id", 1).containsEntry("name", null);

        assertThat(planner.truncate(newer, 30, 300)).isEmpty();
        assertThat(planner.truncate(tombstone, 30, 300)).as("replayed truncate").isEmpty();
    }

    @Test
    void insertOlderThanATruncateDoesNotResurrect() {
        SilverRow truncated = planner.truncate(stored(1, 10, "a", "n"), 30, 300).orElseThrow();

        assertThat(planner.resolve(Optional.of(truncated), insert(1, 20, "before truncate"))).isEmpty();
        assertThat(planner.resolve(Optional.of(truncated), insert(1, 40, "after truncate"))).isPresent();
    }

    @Test
    void planKeyAppliesTheLastChangeOfTheBatchAgainstTheStoredRow() {
        Optional<SilverRow> row = planner.planKey(Optional.of(stored(1, 10, "a", "kept")),
                List.of(update(1, 30, "c"), toastUpdate(1, 40, "d"), update(1, 20, "b")), OptionalLong.empty(), 0);

        assertThat(row).hasValueSatisfying(r -> {
            assertThat(r.lsn()).isEqualTo(40);
            assertThat(r.values()).containsEntry("name", "d").containsEntry("note", "n-c");
        });
    }

    @Test
    void planKeyIsANoOpForAReplayedBatch() {
        SilverRow current = stored(1, 40, "d", "x");
        assertThat(planner.planKey(Optional.of(current), List.of(insert(1, 10, "a"), update(1, 40, "d")),
                OptionalLong.empty(), 0)).isEmpty();
    }

    @Test
    void planKeyTruncatesThenAppliesLaterChanges() {
        assertThat(planner.planKey(Optional.of(stored(1, 10, "a", "x")), List.of(), OptionalLong.of(20), 200))
                .hasValueSatisfying(r -> assertThat(r.deleted()).isTrue());
        assertThat(planner.planKey(Optional.of(stored(1, 10, "a", "x")),
                List.of(update(1, 15, "before"), insert(1, 25, "after")), OptionalLong.of(20), 200))
                .hasValueSatisfying(r -> {
                    assertThat(r.deleted()).isFalse();
                    assertThat(r.values()).containsEntry("name", "after");
                });
        assertThat(planner.planKey(Optional.empty(), List.of(update(1, 15, "before")), OptionalLong.of(20), 200))
                .isEmpty();
    }

    @Test
    void rejectsATableWithoutKey() {
        assertThatThrownBy(() -> new MergePlanner(List.of(), COLUMNS)).hasMessageContaining("primary-key");
    }
}
