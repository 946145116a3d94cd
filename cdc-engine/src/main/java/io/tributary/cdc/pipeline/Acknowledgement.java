package io.tributary.cdc.pipeline;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * One record's acknowledgement by Kafka as a future: completed when the broker has it, failed with the producer's
 * error otherwise. The sinks return it so that the batch handler waits on every record of a batch before it marks
 * the batch processed.
 */
public final class Acknowledgement extends CompletableFuture<Void> implements Callback {

    /** Sends {@code record} and returns its acknowledgement. */
    public static CompletableFuture<Void> send(Producer<byte[], byte[]> producer, ProducerRecord<byte[], byte[]> record) {
        Acknowledgement acknowledgement = new Acknowledgement();
        producer.send(record, acknowledgement);
        return acknowledgement;
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception error) {
        if (error != null) {
            completeExceptionally(error);
        } else {
            complete(null);
        }
    }
}
