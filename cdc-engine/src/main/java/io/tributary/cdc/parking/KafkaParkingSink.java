package io.tributary.cdc.parking;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import io.tributary.cdc.avro.ChangeKind;
import io.tributary.cdc.pipeline.Acknowledgement;
import io.tributary.cdc.pipeline.TopicProvisioner;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes parked changes to the table's parking topic (one partition, created on first use) with the engine's
 * idempotent producer (acks=all). Kafka key: the table name; value: {@link ParkedChangeCodec}'s JSON; headers:
 * {@value #TABLE}, {@value #TOPIC}, {@value #LSN}, {@value #OP}, {@value #KIND}, {@value #INCIDENT},
 * {@value #SINCE_LSN}, {@value #ERROR_KIND}, {@value #ERROR} and {@value #COLUMN} (when known).
 */
public final class KafkaParkingSink implements ParkingSink {
    public static final String TABLE = "tributary.table";
    public static final String TOPIC = "tributary.topic";
    public static final String LSN = "tributary.lsn";
    public static final String OP = "tributary.op";
    public static final String KIND = "tributary.kind";
    public static final String INCIDENT = "tributary.incident";
    public static final String SINCE_LSN = "tributary.parked.since.lsn";
    public static final String ERROR_KIND = "tributary.error.kind";
    public static final String ERROR = "tributary.error";
    public static final String COLUMN = "tributary.column";
    static final int MAX_ERROR_CHARS = 4_000;

    private final Producer<byte[], byte[]> producer;
    private final TopicProvisioner topics;

    /** @param topics creates parking topics: one partition, the configured replication factor */
    public KafkaParkingSink(Producer<byte[], byte[]> producer, TopicProvisioner topics) {
        this.producer = producer;
        this.topics = topics;
    }

    @Override
    public CompletableFuture<Void> send(ParkedTable table, ParkedChange change) {
        try {
            topics.ensure(table.parkingTopic());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
        RecordHeaders headers = new RecordHeaders();
        header(headers, TABLE, table.table());
        header(headers, TOPIC, table.topic());
        header(headers, LSN, change.lsn() == null ? null : change.lsn().toString());
        header(headers, OP, change.op());
        header(headers, KIND, change.kind() == ChangeKind.TOMBSTONE ? "tombstone" : "change");
        header(headers, INCIDENT, table.incident());
        header(headers, SINCE_LSN, table.sinceLsn() == null ? null : table.sinceLsn().toString());
        header(headers, ERROR_KIND, table.kind().label());
        String reason = table.reason();
        header(headers, ERROR, reason.length() > MAX_ERROR_CHARS ? reason.substring(0, MAX_ERROR_CHARS) + "..." : reason);
        header(headers, COLUMN, table.column());
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(table.parkingTopic(), 0, null,
                table.table().getBytes(StandardCharsets.UTF_8), change.json(), headers);
        return Acknowledgement.send(producer, record);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
