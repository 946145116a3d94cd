package io.tributary.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WireFormatTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 255, 256, 65_536, 16_777_216, Integer.MAX_VALUE, -1})
    void headerCarriesTheSchemaIdBigEndian(int id) {
        byte[] record = new byte[WireFormat.HEADER_SIZE + 1];
        WireFormat.writeHeader(record, id);

        assertThat(record[0]).isEqualTo((byte) 0);
        assertThat(WireFormat.schemaId(record, RecordContext.unknown())).isEqualTo(id);
    }

    @Test
    void headerBytesAreTheConfluentLayout() {
        byte[] record = new byte[WireFormat.HEADER_SIZE];
        WireFormat.writeHeader(record, 0x01020304);

        assertThat(record).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void wrongMagicByteIsReportedWithTheByteAndWhere() {
        byte[] json = "{\"a\":1}".getBytes();

        assertThatThrownBy(() -> WireFormat.schemaId(json, new RecordContext("orders", 2, 41L)))
                .isInstanceOf(WrongMagicByteException.class)
                .hasMessageContaining("0x7b")
                .hasMessageContaining("(topic orders, partition 2, offset 41)")
                .satisfies(e -> assertThat(((WrongMagicByteException) e).magicByte()).isEqualTo(0x7b));
    }

    @Test
    void emptyAndShortRecordsAreTruncated() {
        assertThatThrownBy(() -> WireFormat.schemaId(new byte[0], RecordContext.unknown()))
                .isInstanceOf(TruncatedRecordException.class)
                .hasMessageStartingWith("Empty record");
        assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {0, 0, 1}, RecordContext.ofTopic("t")))
                .isInstanceOf(TruncatedRecordException.class)
                .hasMessageContaining("3 bytes")
                .hasMessageEndingWith("(topic t)")
                .satisfies(e -> assertThat(((TruncatedRecordException) e).length()).isEqualTo(3));
    }

    @Test
    void subjectsFollowTheTopicNameStrategy() {
        assertThat(SubjectNames.forTopic("tributary.shop.orders", true)).isEqualTo("tributary.shop.orders-key");
        assertThat(SubjectNames.forTopic("tributary.shop.orders", false)).isEqualTo("tributary.shop.orders-value");
        assertThatThrownBy(() -> SubjectNames.forTopic(" ", false)).isInstanceOf(IllegalArgumentException.class);
    }
}
