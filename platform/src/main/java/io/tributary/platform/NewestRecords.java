package io.tributary.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** The newest records of a topic: what {@code tail --max N} prints. */
final class NewestRecords {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private NewestRecords() {
    }

    /**
     * Reads from where {@code consumer} stands up to {@code end} on every assigned partition (the caller sought each to
     * its last {@code count}), then keeps the {@code count} newest.
     */
    static List<ConsumerRecord<byte[], byte[]>> read(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end,
            long count) {
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Kafka did not deliver the last " + count + " events of "
                        + end.keySet().iterator().next().topic() + " within " + READ_TIMEOUT.toSeconds() + " s: try again,"
                        + " or see ./tributary logs kafka");
            }
            consumer.poll(Duration.ofMillis(500)).forEach(read::add);
        }
        return newest(read, count);
    }

    /** The {@code count} newest of {@code records} (by timestamp, then partition and offset), oldest first. Pure. */
    static <R extends ConsumerRecord<?, ?>> List<R> newest(List<R> records, long count) {
        List<R> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparingLong((R r) -> r.timestamp()).thenComparingInt(ConsumerRecord::partition)
                .thenComparingLong(ConsumerRecord::offset));
        return List.copyOf(sorted.subList((int) Math.max(0, sorted.size() - count), sorted.size()));
    }
}
