package io.tributary.lakehouse.lake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmallFileCompactionTest {

    @Test
    void aTableIsDueOnceItGainedTheGivenNumberOfFilesSinceItsLastCompaction() {
        assertThat(SmallFileCompaction.due(15, 0, 16)).isFalse();
        assertThat(SmallFileCompaction.due(16, 0, 16)).isTrue();
        // bronze keeps a file per day after a compaction: 30 days of files are not new ones
        assertThat(SmallFileCompaction.due(45, 30, 16)).isFalse();
        assertThat(SmallFileCompaction.due(46, 30, 16)).isTrue();
    }

    @Test
    void fewerFilesThanAfterTheLastCompactionAreNotDue() {
        // maintenance compacted the table meanwhile: 10 files after our compaction, 2 now (afterWrite then keeps 2)
        assertThat(SmallFileCompaction.due(2, 10, 16)).isFalse();
        assertThat(SmallFileCompaction.due(18, 2, 16)).isTrue();
    }

    @Test
    void zeroMeansNever() {
        assertThat(SmallFileCompaction.due(1_000, 0, 0)).isFalse();
    }
}
