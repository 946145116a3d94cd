package io.tributary.cdc.parking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

import io.tributary.cdc.avro.AvroChange;
import io.tributary.cdc.avro.ChangeEventConverter;
import io.tributary.cdc.avro.ChangeKind;
import io.tributary.cdc.avro.ConnectAvroConverter;
import io.tributary.cdc.monitor.CdcMetrics;
import io.tributary.cdc.monitor.PrometheusFormat;
import io.tributary.cdc.pipeline.Backoff;
import io.tributary.cdc.pipeline.ChangeSerializer;
import io.tributary.cdc.pipeline.ChangeSink;
import io.tributary.serde.ConfluentAvroSerializer;
import io.tributary.serde.RegisteredSchema;
import io.tributary.serde.RegistryRequestException;
import io.tributary.serde.SchemaRegistryClient;
import io.tributary.serde.SerializerSettings;
import org.apache.avro.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resume replays a parked table's changes in order, once each, and only when every one of them can be written. */
class ParkedTableOperationsTest {
    @TempDir
    Path dir;

    static final org.apache.kafka.connect.data.Schema KEY = SchemaBuilder.struct().name("tributary.shop.b.Key")
            .field("id", org.apache.kafka.connect.data.Schema.INT32_SCHEMA).build();
    static final org.apache.kafka.connect.data.Schema ROW = SchemaBuilder.struct().name("tributary.shop.b.Value")
            .field("id", org.apache.kafka.connect.data.Schema.INT32_SCHEMA)
            .field("v", org.apache.kafka.connect.data.Schema.STRING_SCHEMA).build();

    final CdcMetrics metrics = new CdcMetrics();
    final ParkedChangeCodec codec = new ParkedChangeCodec();
    final ChangeEventConverter converter = new ChangeEventConverter(new ConnectAvroConverter(), ChangeEventConverter.DEFAULT_PLACEHOLDER);

    /** Refuses every value schema while {@code refuse} is set (as a BACKWARD subject refuses int -> string). */
    static final class Registry implements SchemaRegistryClient {
        boolean refuse = true;
        final Map<Schema, Integer> ids = new HashMap<>();

        @Override
        public int register(String subject, Schema schema) {
            if (refuse && subject.endsWith("-value")) {
                throw new RegistryRequestException("Schema being registered is incompatible with an earlier schema", 409, 409);
            }
            return ids.computeIfAbsent(schema, s -> ids.size() + 1);
        }

        @Override
        public Schema getById(int id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RegisteredSchema latest(String subject) {
            throw new UnsupportedOperationException("no versions in this fake");
        }

        @Override
        public Optional<RegisteredSchema> lookup(String subject, Schema schema) {
            return Optional.empty();
        }

        @Override
        public boolean testCompatibility(String subject, Schema schema) {
            return !refuse;
        }
    }

    static final class Sink implements ChangeSink {
        final List<String> sent = new ArrayList<>();

        @Override
        public CompletableFuture<Void> send(AvroChange change) {
            sent.add(change.kind() == ChangeKind.TOMBSTONE ? "ts:" + change.lsn()
                    : change.lsn() + ":" + ((org.apache.avro.generic.GenericRecord) change.value()).get("v"));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
        }
    }

    static byte[] parked(ParkedChangeCodec codec, int id, String v, long lsn) {
        return codec.encode(new SourceRecord(Map.of("server", "tributary"), Map.of("lsn", lsn), "tributary.shop.b", null,
                KEY, new Struct(KEY).put("id", id), ROW, new Struct(ROW).put("id", id).put("v", v)));
    }

    static byte[] tombstone(ParkedChangeCodec codec, int id, long lsn) {
        return codec.encode(new SourceRecord(Map.of("server", "tributary"), Map.of("lsn", lsn), "tributary.shop.b", null,
                KEY, new Struct(KEY).put("id", id), null, null));
    }

    @Test
    void resumeReplaysInOrderOnceEachOnlyWhenEveryChangeCanBeWrittenThenUnparks() throws Exception {
        ParkedTables tables = ParkedTables.load(dir.resolve("parked-tables.json"), metrics);
        tables.park(new TableFailure(TableFailure.Kind.SCHEMA_REFUSED, "shop.b", "tributary.shop.b", 10L, null, "refused", null),
                "tributary._parked.shop.b", Instant.EPOCH);
        tables.persistIfChanged();
        // 10, 11, tombstone 12, 13; then 11 and the tombstone again (a crash replayed a batch after parking it)
        List<byte[]> topic = List.of(parked(codec, 1, "a", 10), parked(codec, 2, "b", 11), tombstone(codec, 2, 12),
                parked(codec, 1, "c", 13), parked(codec, 2, "b", 11), tombstone(codec, 2, 12));
        ParkedChangeSource source = (table, action) -> {
            for (int i = 0; i < topic.size(); i++) {
                action.accept(new ParkedChangeSource.Parked(i, topic.get(i)));
            }
        };
        Registry registry = new Registry();
        ChangeSerializer serializer = new ChangeSerializer(registry, new ConfluentAvroSerializer(registry, SerializerSettings.defaults()),
                new Backoff(Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofMillis(10)), URI.create("http://registry"),
                Duration.ofSeconds(1));
        Sink sink = new Sink();
        ParkedTableOperations ops = new ParkedTableOperations(tables, source, codec, converter, serializer, sink, registry,
                new SubjectCompatibility(URI.create("http://127.0.0.1:1"), Duration.ofSeconds(1)), new ReentrantLock(), metrics,
                Duration.ofSeconds(5));

        assertThatThrownBy(() -> ops.resume("shop.b"))
                .isInstanceOfSatisfying(TableOperations.TableOperationException.class, e -> assertThat(e.status()).isEqualTo(409))
                .hasMessageContaining("stays parked, nothing was replayed").hasMessageContaining("accept-schema first");
        assertThat(sink.sent).as("pass 1 refused: nothing sent").isEmpty();
        assertThat(tables.get("shop.b")).isNotNull();

        registry.refuse = false;
        TableOperations.ResumeResult result = ops.resume("shop.b");

        assertThat(sink.sent).containsExactly("10:a", "11:b", "ts:12", "13:c");
        assertThat(result.replayed()).isEqualTo(4);
        assertThat(result.duplicatesSkipped()).isEqualTo(2);
        assertThat(tables.get("shop.b")).isNull();
        assertThat(ParkedTables.load(dir.resolve("parked-tables.json"), new CdcMetrics()).all()).as("unparked on disk").isEmpty();
        assertThat(PrometheusFormat.render(metrics)).doesNotContain("tributary_cdc_table_parked{")
                .contains("tributary_cdc_replayed_changes_total{table=\"shop.b\"} 4");
        assertThatThrownBy(() -> ops.resume("shop.b")).hasMessageContaining("is not parked");
    }
}
