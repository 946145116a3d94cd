package io.tributary.cdc.avro;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.debezium.data.Envelope;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** c/u/d/r/t, tombstones, heartbeats and the TOAST contract on records shaped like Debezium's PostgreSQL ones. */
class ChangeEventConverterTest {
    static final String PLACEHOLDER = ChangeEventConverter.DEFAULT_PLACEHOLDER;
    static final String TOPIC = "tributary.shop.products";

    static final org.apache.kafka.connect.data.Schema KEY = SchemaBuilder.struct().name("tributary.shop.products.Key")
            .field("id", org.apache.kafka.connect.data.Schema.INT64_SCHEMA).build();
    static final org.apache.kafka.connect.data.Schema ROW = SchemaBuilder.struct().name("tributary.shop.products.Value").optional()
            .field("id", org.apache.kafka.connect.data.Schema.INT64_SCHEMA)
            .field("name", org.apache.kafka.connect.data.Schema.STRING_SCHEMA)
            .field("description", org.apache.kafka.connect.data.Schema.OPTIONAL_STRING_SCHEMA)
            .field("picture", org.apache.kafka.connect.data.Schema.OPTIONAL_BYTES_SCHEMA)
            .field("price", ConnectAvroConverterTest.numeric(10, 2, false))
            .build();
    static final org.apache.kafka.connect.data.Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
            .field("ts_ms", org.apache.kafka.connect.data.Schema.INT64_SCHEMA)
            .field("snapshot", org.apache.kafka.connect.data.Schema.OPTIONAL_STRING_SCHEMA)
            .field("db", org.apache.kafka.connect.data.Schema.STRING_SCHEMA)
            .field("sequence", org.apache.kafka.connect.data.Schema.OPTIONAL_STRING_SCHEMA)
            .field("schema", org.apache.kafka.connect.data.Schema.STRING_SCHEMA)
            .field("table", org.apache.kafka.connect.data.Schema.STRING_SCHEMA)
            .field("txId", org.apache.kafka.connect.data.Schema.OPTIONAL_INT64_SCHEMA)
            .field("lsn", org.apache.kafka.connect.data.Schema.OPTIONAL_INT64_SCHEMA)
            .build();
    static final Envelope ENVELOPE = Envelope.defineSchema().withName("tributary.shop.products.Envelope")
            .withRecord(ROW).withSource(SOURCE).build();

    private final ChangeEventConverter converter = new ChangeEventConverter(new ConnectAvroConverter(), PLACEHOLDER);

    static Struct row(long id, String name, String description, Object picture) {
        return new Struct(ROW).put("id", id).put("name", name).put("description", description).put("picture", picture)
                .put("price", new BigDecimal("9.99"));
    }

    static Struct source(long lsn) {
        return new Struct(SOURCE).put("ts_ms", 1_763_712_000_000L).put("snapshot", "false").put("db", "tributary")
                .put("sequence", "[null,\"" + lsn + "\"]").put("schema", "shop").put("table", "products")
                .put("txId", 777L).put("lsn", lsn);
    }

    static SourceRecord record(Struct key, Struct value) {
        return new SourceRecord(Map.of("server", "tributary"), Map.of("lsn", 1000L),
                TOPIC, null, key == null ? null : KEY, key, value == null ? null : ENVELOPE.schema(), value);
    }

    static Struct key(long id) {
        return new Struct(KEY).put("id", id);
    }

    @Test
    void createCarriesKeyEnvelopeLsnAndAnEmptyUnavailableList() {
        Struct value = ENVELOPE.create(row(1, "lamp", "bright", null), source(5000), Instant.ofEpochMilli(1_763_712_000_500L));
        AvroChange change = converter.convert(record(key(1), value));

        assertThat(change.kind()).isEqualTo(ChangeKind.CHANGE);
        assertThat(change.op()).isEqualTo("c");
        assertThat(change.topic()).isEqualTo(TOPIC);
        assertThat(change.table()).isEqualTo("shop.products");
        assertThat(change.lsn()).isEqualTo(5000L);
        assertThat(change.sourceTsMs()).isEqualTo(1_763_712_000_000L);
        assertThat(change.key().get("id")).isEqualTo(1L);
        GenericRecord v = change.value();
        assertThat(v.get("before")).isNull();
        assertThat(((GenericRecord) v.get("after")).get("name")).isEqualTo("lamp");
        assertThat(((GenericRecord) v.get("source")).get("lsn")).isEqualTo(5000L);
        assertThat(((GenericRecord) v.get("source")).get("txId")).isEqualTo(777L);
        assertThat(v.get("op")).isEqualTo("c");
        assertThat(v.get("ts_ms")).isEqualTo(1_763_712_000_500L);
        assertThat((List<?>) v.get(ChangeEventConverter.UNAVAILABLE_COLUMNS)).isEmpty();
        assertThat(v.getSchema().getField(ChangeEventConverter.UNAVAILABLE_COLUMNS).defaultVal()).isEqualTo(List.of());
    }

    @Test
    void readUpdateAndDeleteKeepTheirImages() {
        AvroChange read = converter.convert(record(key(1), ENVELOPE.read(row(1, "lamp", "x", null), source(10), Instant.now())));
        assertThat(read.op()).isEqualTo("r");

        AvroChange update = converter.convert(record(key(1),
                ENVELOPE.update(row(1, "lamp", "x", null), row(1, "big lamp", "x", null), source(20), Instant.now())));
        assertThat(update.op()).isEqualTo("u");
        assertThat(((GenericRecord) update.value().get("before")).get("name")).isEqualTo("lamp");
        assertThat(((GenericRecord) update.value().get("after")).get("name")).isEqualTo("big lamp");

        AvroChange delete = converter.convert(record(key(1), ENVELOPE.delete(row(1, "big lamp", "x", null), source(30), Instant.now())));
        assertThat(delete.op()).isEqualTo("d");
        assertThat(delete.value().get("after")).isNull();
        assertThat(((GenericRecord) delete.value().get("before")).get("id")).isEqualTo(1L);
        assertThat(delete.lsn()).isEqualTo(30L);
    }

    @Test
    void anIncrementalSnapshotReadWithoutSourceLsnGetsItsOffsetLsn() {
        // as Debezium 3.6.3 sends a backfill's read (CdcEngineIT): source.lsn null, the position in the offset and sequence
        Struct source = source(0).put("lsn", null).put("snapshot", "incremental").put("sequence", "[\"26658640\",\"26658640\"]");
        SourceRecord read = new SourceRecord(Map.of("server", "tributary"), Map.of("lsn", 26658640L), TOPIC, null, KEY,
                key(7), ENVELOPE.schema(), ENVELOPE.read(row(7, "lamp", "x", null), source, Instant.now()));
        AvroChange change = converter.convert(read);
        assertThat(change.op()).isEqualTo("r");
        assertThat(change.lsn()).isEqualTo(26658640L);
        assertThat(((GenericRecord) change.value().get("source")).get("lsn")).isEqualTo(26658640L);
        assertThat(ChangeEventConverter.origin(read).lsn()).isEqualTo(26658640L);
    }

    @Test
    void tombstoneHasTheKeyNoValueAndTheOffsetLsn() {
        AvroChange tombstone = converter.convert(record(key(1), null));
        assertThat(tombstone.kind()).isEqualTo(ChangeKind.TOMBSTONE);
        assertThat(tombstone.value()).isNull();
        assertThat(tombstone.key().get("id")).isEqualTo(1L);
        assertThat(tombstone.lsn()).isEqualTo(1000L);
        assertThat(tombstone.table()).isEqualTo("shop.products");
    }

    @Test
    void truncateHasNoKeyAndOpT() {
        AvroChange truncate = converter.convert(record(null, ENVELOPE.truncate(source(40), Instant.now())));
        assertThat(truncate.op()).isEqualTo("t");
        assertThat(truncate.key()).isNull();
        assertThat(truncate.value().get("before")).isNull();
        assertThat(truncate.value().get("after")).isNull();
        assertThat(truncate.lsn()).isEqualTo(40L);
    }

    @Test
    void heartbeatsAreRecognisedAndNotConverted() {
        org.apache.kafka.connect.data.Schema hb = SchemaBuilder.struct().name("io.debezium.connector.common.Heartbeat")
                .field("ts_ms", org.apache.kafka.connect.data.Schema.INT64_SCHEMA).build();
        SourceRecord record = new SourceRecord(Map.of(), Map.of("lsn", 4242L), "__debezium-heartbeat.tributary", null,
                null, null, hb, new Struct(hb).put("ts_ms", 1L));
        AvroChange change = converter.convert(record);
        assertThat(change.kind()).isEqualTo(ChangeKind.HEARTBEAT);
        assertThat(change.lsn()).isEqualTo(4242L);
        assertThat(change.value()).isNull();
    }

    @Test
    void signalTableRowsAreRecognisedAndNotConverted() {
        org.apache.kafka.connect.data.Schema signal = SchemaBuilder.struct().name("tributary.tributary_cdc.debezium_signal.Envelope")
                .field("op", org.apache.kafka.connect.data.Schema.STRING_SCHEMA).build();
        SourceRecord record = new SourceRecord(Map.of(), Map.of("lsn", 77L), "tributary.tributary_cdc.debezium_signal", null,
                null, null, signal, new Struct(signal).put("op", "c"));
        AvroChange change = converter.convert(record);
        assertThat(change.kind()).isEqualTo(ChangeKind.SIGNAL);
        assertThat(change.lsn()).isEqualTo(77L);
        assertThat(change.value()).isNull();
        assertThat(ChangeEventConverter.origin(record).kind()).isEqualTo(ChangeKind.SIGNAL);
        assertThat(ChangeEventConverter.origin(record).table()).isEqualTo("tributary_cdc.debezium_signal");
    }

    @Test
    void unchangedToastIsFilledFromTheFullBeforeImage() {
        String longText = "x".repeat(5000);
        Struct before = row(1, "lamp", longText, null);
        Struct after = row(1, "renamed", PLACEHOLDER, null);
        AvroChange change = converter.convert(record(key(1), ENVELOPE.update(before, after, source(50), Instant.now())));
        GenericRecord afterRecord = (GenericRecord) change.value().get("after");
        assertThat(afterRecord.get("description")).isEqualTo(longText);
        assertThat(afterRecord.get("name")).isEqualTo("renamed");
        assertThat((List<?>) change.value().get(ChangeEventConverter.UNAVAILABLE_COLUMNS)).isEmpty();
        assertThat(change.toastFilled()).isEqualTo(1);
        assertThat(change.toastUnavailable()).isZero();
    }

    @Test
    void unchangedToastWithoutBeforeImageKeepsThePlaceholderAndListsTheColumns() {
        ByteBuffer placeholderBytes = ByteBuffer.wrap(PLACEHOLDER.getBytes(StandardCharsets.UTF_8));
        Struct after = row(1, "renamed", PLACEHOLDER, PLACEHOLDER.getBytes(StandardCharsets.UTF_8));
        AvroChange change = converter.convert(record(key(1), ENVELOPE.update(null, after, source(60), Instant.now())));
        GenericRecord afterRecord = (GenericRecord) change.value().get("after");
        assertThat(afterRecord.get("description")).isEqualTo(PLACEHOLDER);
        assertThat(afterRecord.get("picture")).isEqualTo(placeholderBytes);
        assertThat(unavailable(change)).containsExactly("description", "picture");
        assertThat(change.toastUnavailable()).isEqualTo(2);
        assertThat(change.toastFilled()).isZero();
    }

    @Test
    void placeholderInTheBeforeImageIsNotCopied() {
        Struct before = row(1, "lamp", PLACEHOLDER, null);
        Struct after = row(1, "renamed", PLACEHOLDER, null);
        AvroChange change = converter.convert(record(key(1), ENVELOPE.update(before, after, source(70), Instant.now())));
        assertThat(unavailable(change)).containsExactly("description");
    }

    @Test
    void valueSchemaIsTheEnvelopePlusUnavailableColumnsAndRoundTrips() throws Exception {
        Schema schema = converter.envelopeSchema(ENVELOPE.schema());
        assertThat(schema.getFullName()).isEqualTo("tributary.shop.products.Envelope");
        assertThat(schema.getFields()).extracting(Schema.Field::name)
                .containsExactly("before", "after", "source", "op", "ts_ms", "ts_us", "ts_ns", "transaction",
                        ChangeEventConverter.UNAVAILABLE_COLUMNS);
        AvroChange change = converter.convert(record(key(2), ENVELOPE.create(row(2, "desk", null, null), source(80), Instant.now())));
        GenericRecord decoded = ConnectAvroConverterTest.roundTrip(change.value());
        assertThat(((GenericRecord) decoded.get("after")).get("price")).isEqualTo(new BigDecimal("9.99"));
    }

    static List<String> unavailable(AvroChange change) {
        return ((List<?>) change.value().get(ChangeEventConverter.UNAVAILABLE_COLUMNS)).stream().map(Object::toString).toList();
    }
}
