package io.tributary.lakehouse.lake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FirstAppendFilesTest {

    @Test
    void aSnapshotOfThousandsOfRowsIsWrittenAsOneFileSoAutoCompactionHasNothingToRewrite() {
        assertThat(SilverWriter.filesForFirstAppend(13_075)).isEqualTo(1);
        assertThat(SilverWriter.filesForFirstAppend(SilverWriter.ROWS_PER_FIRST_FILE)).isEqualTo(1);
    }

    @Test
    void aLargeSnapshotGetsAFilePerHalfMillionRows() {
        assertThat(SilverWriter.filesForFirstAppend(SilverWriter.ROWS_PER_FIRST_FILE + 1)).isEqualTo(2);
        assertThat(SilverWriter.filesForFirstAppend(1_000_000)).isEqualTo(2);
        assertThat(SilverWriter.filesForFirstAppend(10_000_000)).isEqualTo(20);
    }

    @Test
    void anEmptyBatchStillWritesAtLeastOneFile() {
        assertThat(SilverWriter.filesForFirstAppend(0)).isEqualTo(1);
    }
}
