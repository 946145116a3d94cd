package io.tributary.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.registry.store.StoreRecord;
import io.tributary.registry.store.StoreRecordCodec;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class StoreRecordCodecTest {

    static Stream<StoreRecord> records() {
        return Stream.of(
                new StoreRecord.SchemaVersion("orders-value", 3, 17, "\"string\"", false),
                new StoreRecord.SchemaVersion("orders-value", 3, 17, "\"string\"", true),
                new StoreRecord.VersionRemoved("orders-value", 3),
                new StoreRecord.Config(null, "FULL"),
                new StoreRecord.Config("orders-value", "NONE"),
                new StoreRecord.Config("orders-value", null),
                new StoreRecord.IdHighWater(42));
    }

    @ParameterizedTest
    @MethodSource("records")
    void roundTripsThroughKafkaKeyAndValue(StoreRecord record) {
        byte[] value = StoreRecordCodec.value(record);

        assertThat(value == null).isEqualTo(record.isTombstone());
        assertThat(StoreRecordCodec.decode(StoreRecordCodec.key(record), value)).isEqualTo(record);
    }

    @Test
    void versionRecordsAndTheirTombstoneShareTheCompactionKey() {
        assertThat(StoreRecordCodec.key(new StoreRecord.VersionRemoved("s", 1)))
                .isEqualTo(StoreRecordCodec.key(new StoreRecord.SchemaVersion("s", 1, 5, "\"int\"", true)));
        assertThat(StoreRecordCodec.key(new StoreRecord.SchemaVersion("s", 1, 5, "\"int\"", false)))
                .isNotEqualTo(StoreRecordCodec.key(new StoreRecord.SchemaVersion("s", 2, 5, "\"int\"", false)));
    }

    @Test
    void foreignRecordsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> StoreRecordCodec.decode("hello".getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key is not JSON");
        assertThatThrownBy(() -> StoreRecordCodec.decode("{\"keytype\":\"NOOP\"}".getBytes(StandardCharsets.UTF_8), null))
                .hasMessageContaining("unknown keytype 'NOOP'");
    }
}
