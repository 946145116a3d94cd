package io.tributary.cdc.slot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class ResetDeleteTest {
    /** The shape of the engine's envelope (docs/cdc-engine.md, "The records"), with Debezium's source block. */
    static final Schema ENVELOPE = new Schema.Parser().parse("""
            {"type": "record", "name": "Envelope", "namespace": "tributary.shop.orders", "fields": [
              {"name": "before", "type": ["null", {"type": "record", "name": "Value", "fields": [
                  {"name": "order_id", "type": "long"}, {"name": "status", "type": "string"}]}], "default": null},
              {"name": "after", "type": ["null", "Value"], "default": null},
              {"name": "source", "type": {"type": "record", "name": "Source", "namespace": "io.debezium.connector.postgresql",
                "fields": [
                  {"name": "version", "type": "string"}, {"name": "connector", "type": "string"},
                  {"name": "name", "type": "string"}, {"name": "ts_ms", "type": "long"},
                  {"name": "snapshot", "type": [{"type": "string"}, "null"], "default": "false"},
                  {"name": "db", "type": "string"}, {"name": "sequence", "type": ["null", "string"], "default": null},
                  {"name": "ts_us", "type": ["null", "long"], "default": null},
                  {"name": "ts_ns", "type": ["null", "long"], "default": null},
                  {"name": "schema", "type": "string"}, {"name": "table", "type": "string"},
                  {"name": "txId", "type": ["null", "long"], "default": null},
                  {"name": "lsn", "type": ["null", "long"], "default": null},
                  {"name": "xmin", "type": ["null", "long"], "default": null},
                  {"name": "origin", "type": "string"}]}},
              {"name": "transaction", "type": ["null", {"type": "record", "name": "block", "fields": [
                  {"name": "id", "type": "string"}]}], "default": null},
              {"name": "op", "type": "string"},
              {"name": "ts_ms", "type": ["null", "long"], "default": null},
              {"name": "unavailable_columns", "type": {"type": "array", "items": "string"}, "default": []}]}
            """);

    @Test
    void aDeleteAtTheResetPositionWithoutALastCommit() throws Exception {
        Schema row = ENVELOPE.getField("after").schema().getTypes().get(1);
        GenericRecord last = new GenericData.Record(row);
        last.put("order_id", 42L);
        last.put("status", "paid");
        GenericRecord delete = ResetDelete.of(ENVELOPE, last, 23_905_120L, 1_765_100_000_000L, "tributary", "tributary",
                "shop", "orders");
        assertThat(GenericData.get().validate(ENVELOPE, delete)).isTrue();
        GenericRecord back = roundTrip(delete);
        assertThat(back.get("op").toString()).isEqualTo("d");
        GenericRecord before = (GenericRecord) back.get("before");
        assertThat(before.get("order_id")).as("the key's last image: what a consumer that aggregates retracts")
                .isEqualTo(42L);
        assertThat(before.get("status").toString()).isEqualTo("paid");
        assertThat(back.get("after")).isNull();
        assertThat(back.get("ts_ms")).isEqualTo(1_765_100_000_000L);
        assertThat((List<?>) back.get("unavailable_columns")).isEmpty();
        GenericRecord source = (GenericRecord) back.get("source");
        assertThat(source.get("lsn")).isEqualTo(23_905_120L);
        assertThat(source.get("sequence").toString()).as("no last commit: ordered by LSN against the re-snapshot's reads")
                .isEqualTo("[null,\"23905120\"]");
        assertThat(source.get("schema").toString()).isEqualTo("shop");
        assertThat(source.get("table").toString()).isEqualTo("orders");
        assertThat(source.get("snapshot").toString()).isEqualTo("false");
        assertThat(source.get("connector").toString()).isEqualTo("postgresql");
        assertThat(source.get("txId")).isNull();
        assertThat(source.get("origin").toString()).as("a required field the reset knows nothing of: empty").isEmpty();
    }

    @Test
    void onlyTheChangeTopicsOfTheCapturedSchemasAreScanned() {
        List<String> schemas = List.of("shop");
        assertThat(ChangeTopicName.isChangeTopic("tributary.shop.orders", "tributary", schemas)).isTrue();
        assertThat(ChangeTopicName.isChangeTopic("tributary._parked.shop.orders", "tributary", schemas)).isFalse();
        assertThat(ChangeTopicName.isChangeTopic("tributary.other.orders", "tributary", schemas)).isFalse();
        assertThat(ChangeTopicName.isChangeTopic("tributary.enriched.orders", "tributary", schemas)).isFalse();
        assertThat(ChangeTopicName.isChangeTopic("other.shop.orders", "tributary", schemas)).isFalse();
        assertThat(ChangeTopicName.isChangeTopic("tributary.shop", "tributary", schemas)).isFalse();
    }

    static GenericRecord roundTrip(GenericRecord record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(ENVELOPE).write(record, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(ENVELOPE).read(null,
                DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }
}
