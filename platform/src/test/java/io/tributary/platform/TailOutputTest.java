package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** What {@code tail} prints: the newest N events, updates folded to their changes, long images trimmed. */
class TailOutputTest {
    private static final Schema KEY = new Schema.Parser().parse("""
            {"type":"record","name":"Key","fields":[{"name":"order_id","type":"long"}]}""");
    private static final Schema ROW = new Schema.Parser().parse("""
            {"type":"record","name":"Value","fields":[
              {"name":"order_id","type":"long"},
              {"name":"status","type":["null","string"]},
              {"name":"note","type":["null","string"]}]}""");
    private static final Schema SOURCE = new Schema.Parser().parse("""
            {"type":"record","name":"Source","fields":[{"name":"lsn","type":["null","long"]}]}""");
    private static final Schema ENVELOPE = new Schema.Parser().parse("""
            {"type":"record","name":"Envelope","fields":[
              {"name":"before","type":["null",%s]},
              {"name":"after","type":["null","Value"]},
              {"name":"source","type":%s},
              {"name":"op","type":"string"}]}""".formatted(ROW.toString(), SOURCE.toString()));

    private static GenericRecord row(long id, String status, String note) {
        GenericRecord r = new GenericData.Record(ROW);
        r.put("order_id", id);
        r.put("status", status);
        r.put("note", note);
        return r;
    }

    private static GenericRecord event(String op, GenericRecord before, GenericRecord after, long lsn) {
        GenericRecord source = new GenericData.Record(SOURCE);
        source.put("lsn", lsn);
        GenericRecord e = new GenericData.Record(ENVELOPE);
        e.put("before", before);
        e.put("after", after);
        e.put("source", source);
        e.put("op", op);
        return e;
    }

    private static GenericRecord key(long id) {
        GenericRecord k = new GenericData.Record(KEY);
        k.put("order_id", id);
        return k;
    }

    @Test
    void anUpdateWithBothImagesShowsOnlyWhatChangedAndTheLsnAsPostgresPrintsIt() {
        String line = ChangeEventText.of(0, 14210, key(9), event("u", row(9, "paid", "n"), row(9, "shipped", "n"), 28568008L), false);
        assertThat(line).isEqualTo("0/14210 u key={\"order_id\": 9} lsn=0/1B3E9C8 changed={\"status\": \"paid\" -> \"shipped\"}");
    }

    @Test
    void fullPrintsBothImages() {
        String line = ChangeEventText.of(0, 1, key(9), event("u", row(9, "paid", null), row(9, "shipped", null), 16L), true);
        assertThat(line).isEqualTo("0/1 u key={\"order_id\": 9} lsn=0/10"
                + " before={\"order_id\": 9, \"status\": \"paid\", \"note\": null}"
                + " after={\"order_id\": 9, \"status\": \"shipped\", \"note\": null}");
    }

    @Test
    void aLongImageIsTrimmedToItsLimitAndSaysHowMuchIsLeftOut() {
        GenericRecord after = row(1, "new", "x".repeat(500));
        String full = AvroText.of(after, ROW);
        String line = ChangeEventText.of(0, 0, key(1), event("c", null, after, 1L), false);
        String image = line.substring(line.indexOf("after=") + 6, line.length());
        assertThat(image).startsWith(full.substring(0, ChangeEventText.MAX_IMAGE - 1))
                .endsWith("…(+" + (full.length() - ChangeEventText.MAX_IMAGE + 1) + " chars; --full shows all)");
        assertThat(line.length()).isLessThan(260);
        assertThat(ChangeEventText.of(0, 0, key(1), event("c", null, after, 1L), true)).contains(full);
    }

    @Test
    void aTombstoneNamesItsKey() {
        assertThat(ChangeEventText.of(2, 7, key(3), null, false)).isEqualTo("2/7 tombstone key={\"order_id\": 3}");
    }

    private static ConsumerRecord<String, String> record(int partition, long offset, long timestamp) {
        return new ConsumerRecord<>("t", partition, offset, timestamp, TimestampType.CREATE_TIME, 0, 0, "k", "v",
                new RecordHeaders(), java.util.Optional.empty());
    }

    @Test
    void maxGivesTheNewestEventsAcrossPartitionsOldestFirst() {
        List<ConsumerRecord<String, String>> read = List.of(record(0, 5, 100), record(0, 6, 400), record(1, 2, 200),
                record(1, 3, 300), record(0, 7, 500));
        assertThat(NewestRecords.newest(read, 2)).extracting(ConsumerRecord::offset).containsExactly(6L, 7L);
        assertThat(NewestRecords.newest(read, 3)).extracting(r -> r.partition() + "/" + r.offset())
                .containsExactly("1/3", "0/6", "0/7");
        assertThat(NewestRecords.newest(read, 10)).hasSize(5);
    }
}
