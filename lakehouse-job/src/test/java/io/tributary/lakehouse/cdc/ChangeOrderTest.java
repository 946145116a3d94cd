package io.tributary.lakehouse.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangeOrderTest {
    static Change change(Op op, long lsn, long position, Long lastCommit, String value) {
        return new Change(List.of(1), op, lsn, position, Map.of("v", value), Set.of(), 0L, lastCommit);
    }

    @Test
    void aChangeCommittedAfterABackfillChunkComesAfterItsReadsThoughItsLsnIsLower() {
        Change read = change(Op.READ, 300, 10, 250L, "read");
        Change lateCommit = change(Op.UPDATE, 150, 11, 320L, "late");
        Change replayedOlder = change(Op.UPDATE, 150, 12, 120L, "replayed");
        assertThat(lateCommit.isAfter(read)).isTrue();
        assertThat(replayedOlder.isAfter(read)).isFalse();
        assertThat(new BatchReducer().reduce(List.of(read, lateCommit, replayedOlder)).changes())
                .extracting(c -> c.values().get("v")).containsExactly("late");
    }

    @Test
    void withinACommitSegmentOrWithoutALastCommitTheLsnThenThePositionOrder() {
        assertThat(change(Op.UPDATE, 201, 1, 90L, "b").isAfter(change(Op.UPDATE, 200, 2, 90L, "a"))).isTrue();
        assertThat(change(Op.UPDATE, 200, 3, null, "b").isAfter(change(Op.READ, 200, 2, null, "a"))).isTrue();
        assertThat(change(Op.UPDATE, 100, 3, null, "b").isAfter(change(Op.UPDATE, 200, 2, null, "a"))).isFalse();
        assertThat(change(Op.UPDATE, 400, 3, 90L, "streamed").isAfter(change(Op.READ, 300, 2, null, "snapshot")))
                .as("an unknown last commit (the initial snapshot) is the earliest").isTrue();
    }
}
