package io.tributary.lakehouse.stream;

import io.tributary.lakehouse.decode.KafkaCoordinates;
import io.tributary.lakehouse.decode.RecordDecoder;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/** Decodes a partition of Kafka rows (key, value, topic, partition, offset, timestamp), skipping tombstones. */
public final class DecodePartition implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    private final RecordDecoder decoder;

    public DecodePartition(RecordDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        Instant readAt = Instant.now();
        return new Iterator<>() {
            private Row next = advance();

            private Row advance() {
                while (input.hasNext()) {
                    Row kafka = input.next();
                    Object ts = kafka.get(5);
                    KafkaCoordinates at = new KafkaCoordinates(kafka.getString(2), kafka.getInt(3), kafka.getLong(4),
                            ts instanceof Instant instant ? instant
                                    : ts instanceof java.sql.Timestamp t ? t.toInstant() : null, readAt);
                    Row decoded = decoder.decode((byte[]) kafka.get(0), (byte[]) kafka.get(1), at);
                    if (decoded != null) {
                        return decoded;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Row next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Row current = next;
                next = advance();
                return current;
            }
        };
    }
}
