package io.tributary.cdc.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

class AcknowledgementTest {

    @Test
    void pendingUntilKafkaAnswersThenDoneWithoutAValue() throws Exception {
        Acknowledgement ack = new Acknowledgement();
        assertThat(ack).isNotDone();
        ack.onCompletion(new RecordMetadata(new TopicPartition("tributary.shop.orders", 2), 41, 0, 0L, 0, 0), null);
        assertThat(ack).isCompleted();
        assertThat(ack.get()).isNull();
    }

    @Test
    void theProducersErrorFailsIt() {
        Acknowledgement ack = new Acknowledgement();
        RecordTooLargeException error = new RecordTooLargeException("record of 2 MB is larger than max.request.size");
        ack.onCompletion(null, error);
        assertThat(ack).isCompletedExceptionally();
        assertThatThrownBy(ack::get).isInstanceOf(ExecutionException.class).cause().isSameAs(error);
    }
}
