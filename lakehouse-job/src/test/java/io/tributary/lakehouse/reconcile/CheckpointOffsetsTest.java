package io.tributary.lakehouse.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckpointOffsetsTest {
    static final String ENTRY = """
            v1
            {"batchWatermarkMs":0,"batchTimestampMs":1763700000000,"conf":{"spark.sql.shuffle.partitions":"4"}}
            {"tributary.shop.orders":{"0":1234},"tributary.shop.customers":{"0":56,"1":7}}
            """;

    @Test
    void readsTheKafkaSourceOffsets() {
        assertThat(CheckpointOffsets.parse(ENTRY, "offsets/12")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "tributary.shop.orders#0", 1234L, "tributary.shop.customers#0", 56L, "tributary.shop.customers#1", 7L));
    }

    @Test
    void aTruncatedEntryIsRefusedNamingTheFile() {
        assertThatThrownBy(() -> CheckpointOffsets.parse("v1\n{}\n", "s3a://lakehouse/_checkpoints/job/offsets/3"))
                .hasMessageContaining("offsets/3").hasMessageContaining("2 lines");
    }

    @Test
    void behindListsPartitionsNotYetConsumed() {
        Map<String, Long> consumed = CheckpointOffsets.parse(ENTRY, "offsets/12");
        assertThat(CheckpointOffsets.behind(Map.of("tributary.shop.orders#0", 1234L, "tributary.shop.customers#0", 56L),
                consumed)).isEmpty();
        assertThat(CheckpointOffsets.behind(Map.of("tributary.shop.orders#0", 1300L, "tributary.shop.products#0", 3L,
                "tributary.shop.empty#0", 0L), consumed))
                .containsExactly("tributary.shop.orders#0 1234/1300", "tributary.shop.products#0 0/3");
    }

    @Test
    void aProgressEndOffsetReadsLikeTheOffsetLogsSourceLine() {
        assertThat(CheckpointOffsets.sourceOffsets("{\"tributary.shop.orders\":{\"0\":99,\"1\":5}}", "batch 4"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("tributary.shop.orders#0", 99L, "tributary.shop.orders#1", 5L));
        assertThatThrownBy(() -> CheckpointOffsets.sourceOffsets("{not json", "batch 4"))
                .hasMessageContaining("batch 4").hasMessageContaining("not JSON");
    }
}
