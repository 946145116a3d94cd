package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class AvroTextTest {
    static final Schema ROW = new Schema.Parser().parse("""
            {"type":"record","name":"Value","fields":[
              {"name":"order_id","type":"long"},
              {"name":"unit_price","type":["null",{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}]},
              {"name":"status","type":["null","string"]},
              {"name":"raw","type":["null","bytes"]},
              {"name":"tags","type":{"type":"array","items":"string"}}]}""");

    @Test
    void decimalsReadAsNumbersAndStringsAreQuoted() {
        GenericRecord r = new GenericData.Record(ROW);
        r.put("order_id", 42L);
        r.put("unit_price", ByteBuffer.wrap(new BigDecimal("1299.50").unscaledValue().toByteArray()));
        r.put("status", "shipped \"fast\"\n");
        r.put("raw", ByteBuffer.wrap(new byte[] {1, -1}));
        r.put("tags", List.of("a"));
        assertThat(AvroText.of(r, ROW)).isEqualTo(
                "{\"order_id\": 42, \"unit_price\": 1299.50, \"status\": \"shipped \\\"fast\\\"\\n\", \"raw\": \"01ff\", \"tags\": [\"a\"]}");
    }

    @Test
    void nullsAndNegativeDecimals() {
        GenericRecord r = new GenericData.Record(ROW);
        r.put("order_id", 1L);
        r.put("unit_price", ByteBuffer.wrap(new BigDecimal("-0.99").unscaledValue().toByteArray()));
        r.put("tags", List.of());
        assertThat(AvroText.of(r, ROW)).isEqualTo(
                "{\"order_id\": 1, \"unit_price\": -0.99, \"status\": null, \"raw\": null, \"tags\": []}");
    }
}
