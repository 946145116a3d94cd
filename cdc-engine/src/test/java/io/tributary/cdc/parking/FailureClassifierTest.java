package io.tributary.cdc.parking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;

import io.tributary.cdc.avro.ChangeKind;
import io.tributary.cdc.avro.ColumnEncodingException;
import io.tributary.cdc.avro.RecordOrigin;
import io.tributary.cdc.offsets.OffsetsNotWrittenException;
import io.tributary.cdc.parking.FailureClassifier.Stage;
import io.tributary.cdc.pipeline.DeliveryException;
import io.tributary.cdc.pipeline.DependencyUnavailableException;
import io.tributary.cdc.pipeline.SchemaRejectedException;
import io.tributary.serde.RecordSerializationException;
import io.tributary.serde.RegistryRequestException;
import io.tributary.serde.RegistryUnavailableException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table-level failures park the table; infrastructure failures are never parked. */
class FailureClassifierTest {
    static final RecordOrigin ORIGIN = new RecordOrigin("tributary.shop.t", "shop.t", ChangeKind.CHANGE, "u", 42L, true);

    static Stream<Arguments> cases() {
        RegistryUnavailableException unreachable = new RegistryUnavailableException("Connection refused", 0, null);
        return Stream.of(
                // table-level
                Arguments.of(Stage.SEND, new SchemaRejectedException("refused as incompatible", null), "schema_refused"),
                Arguments.of(Stage.SEND, new RegistryRequestException("Invalid schema", 422, 42201), "schema_refused"),
                Arguments.of(Stage.SEND, new RegistryRequestException("incompatible", 409, 409), "schema_refused"),
                Arguments.of(Stage.CONVERT, new ColumnEncodingException("amount", "BYTES Decimal", "does not fit scale 2", null),
                        "value_not_encodable"),
                Arguments.of(Stage.SEND, new RecordSerializationException("Cannot write a Record with the schema", null),
                        "value_not_encodable"),
                Arguments.of(Stage.CONVERT, new DataException("Invalid Java object for schema type INT32"), "value_not_encodable"),
                Arguments.of(Stage.CONVERT, new IllegalStateException("bug"), "conversion_error"),
                Arguments.of(Stage.CONVERT, new NullPointerException(), "conversion_error"),
                // infrastructure: retried / stop as before
                Arguments.of(Stage.SEND, new DependencyUnavailableException("registry unreachable for 2m", unreachable), null),
                Arguments.of(Stage.SEND, unreachable, null),
                Arguments.of(Stage.SEND, new RegistryUnavailableException("HTTP 503", 503, null), null),
                Arguments.of(Stage.SEND, new RegistryRequestException("Unauthorized", 401, 401), null),
                Arguments.of(Stage.SEND, new DeliveryException("Cannot create topic", null), null),
                Arguments.of(Stage.SEND, new TimeoutException("Topic not present in metadata after 120000 ms"), null),
                Arguments.of(Stage.SEND, new NotEnoughReplicasException("broker down"), null),
                Arguments.of(Stage.SEND, new OffsetsNotWrittenException("no space left", null), null),
                Arguments.of(Stage.SEND, new IllegalStateException("producer closed"), null),
                Arguments.of(Stage.CONVERT, new IllegalStateException("wrapped", unreachable), null),
                Arguments.of(Stage.SEND, new IllegalStateException("wrapped", new SchemaRejectedException("refused", null)),
                        "schema_refused"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("cases")
    void classifies(Stage stage, RuntimeException error, String expectedKind) {
        Optional<TableFailure> failure = FailureClassifier.classify(error, stage, ORIGIN);
        if (expectedKind == null) {
            assertThat(failure).as("infrastructure: never parked").isEmpty();
        } else {
            assertThat(failure).get().satisfies(f -> {
                assertThat(f.kind().label()).isEqualTo(expectedKind);
                assertThat(f.table()).isEqualTo("shop.t");
                assertThat(f.topic()).isEqualTo("tributary.shop.t");
                assertThat(f.lsn()).isEqualTo(42L);
                assertThat(f.cause()).isSameAs(error);
            });
        }
    }

    @org.junit.jupiter.api.Test
    void namesTheColumnOfAnUnencodableValueAndNeverParksAHeartbeatOrAnError() {
        TableFailure f = FailureClassifier.classify(new ColumnEncodingException("amount", "BYTES org.apache.kafka.connect.data.Decimal",
                "decimal 1.234 does not fit scale 2", null), Stage.CONVERT, ORIGIN).orElseThrow();
        assertThat(f.column()).isEqualTo("amount");
        assertThat(f.reason()).contains("shop.t").contains("column amount (BYTES org.apache.kafka.connect.data.Decimal)")
                .contains("does not fit scale 2");

        RecordOrigin heartbeat = new RecordOrigin("__debezium-heartbeat.tributary", null, ChangeKind.HEARTBEAT, null, 1L, false);
        assertThat(FailureClassifier.classify(new IllegalStateException("x"), Stage.CONVERT, heartbeat)).isEmpty();
        assertThat(FailureClassifier.classify(new OutOfMemoryError(), Stage.CONVERT, ORIGIN)).isEmpty();
    }
}
