package io.tributary.lakehouse.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeltaCommitTest {

    @Test
    void theDataCommitThatAddedTheRowsFileWroteIt() {
        List<DeltaCommit> log = List.of(
                new DeltaCommit(3, 3_000, "MERGE", null, false),
                new DeltaCommit(4, 4_000, "MERGE", null, true),
                new DeltaCommit(5, 5_000, "MERGE", null, false));
        assertThat(DeltaCommit.thatWrote(log, 3_500)).map(DeltaCommit::version).contains(4L);
    }

    @Test
    void aFileRewrittenByCompactionPointsToTheFirstDataCommitAfterTheIngestTime() {
        List<DeltaCommit> log = List.of(
                new DeltaCommit(7, 7_000, "WRITE", 6L, false),
                new DeltaCommit(8, 8_000, "WRITE", 7L, false),
                new DeltaCommit(9, 9_000, "OPTIMIZE", null, true),
                new DeltaCommit(10, 10_000, "WRITE", 8L, false));
        assertThat(DeltaCommit.thatWrote(log, 7_400)).map(DeltaCommit::batch).contains(7L);
    }

    @Test
    void theLogsOrderDoesNotMatterAndAnUnknownRowHasNoCommit() {
        List<DeltaCommit> log = List.of(
                new DeltaCommit(2, 2_000, "WRITE", 1L, false),
                new DeltaCommit(1, 1_000, "WRITE", 0L, false));
        assertThat(DeltaCommit.thatWrote(log, 500)).map(DeltaCommit::version).contains(1L);
        assertThat(DeltaCommit.thatWrote(log, 9_000)).isEmpty();
    }
}
