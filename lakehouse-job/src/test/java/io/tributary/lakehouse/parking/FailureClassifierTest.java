package io.tributary.lakehouse.parking;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.serde.RegistryRequestException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {

    @Test
    void outagesAnywhereInTheChainAreInfrastructure() {
        assertThat(FailureClassifier.classify(new RuntimeException("write failed",
                new IOException("upload", new ConnectException("Connection refused")))))
                .isEqualTo(FailureKind.INFRASTRUCTURE);
        assertThat(FailureClassifier.classify(new IllegalStateException(new SocketTimeoutException("read timed out"))))
                .isEqualTo(FailureKind.INFRASTRUCTURE);
        assertThat(FailureClassifier.classify(new RegistryRequestException("registry answered 503", 503, 50003)))
                .isEqualTo(FailureKind.INFRASTRUCTURE);
        assertThat(FailureClassifier.classify(new RegistryRequestException("no answer", 0, 0)))
                .isEqualTo(FailureKind.INFRASTRUCTURE);
        assertThat(FailureClassifier.classify(new RuntimeException(new InterruptedException())))
                .isEqualTo(FailureKind.INFRASTRUCTURE);
        assertThat(FailureClassifier.classify(new OutOfMemoryError("Java heap space")))
                .isEqualTo(FailureKind.INFRASTRUCTURE);
        assertThat(FailureClassifier.classify(new io.delta.exceptions.ConcurrentAppendException("lost the race")))
                .as("a commit race that outlived its retries").isEqualTo(FailureKind.INFRASTRUCTURE);
    }

    @Test
    void dataSchemaAndUnexpectedFailuresAreTheTables() {
        assertThat(FailureClassifier.classify(new RuntimeException(
                "[DELTA_VIOLATE_CONSTRAINT_WITH_VALUES] CHECK constraint positive_qty (qty > 0) violated by row")))
                .isEqualTo(FailureKind.TABLE);
        assertThat(FailureClassifier.classify(new IllegalStateException("silver table t is keyed by [id]")))
                .isEqualTo(FailureKind.TABLE);
        assertThat(FailureClassifier.classify(new RegistryRequestException("schema not found", 404, 40403)))
                .isEqualTo(FailureKind.TABLE);
        assertThat(FailureClassifier.classify(new NullPointerException())).isEqualTo(FailureKind.TABLE);
    }

    @Test
    void theReasonIsTheInnermostMessagesFirstLine() {
        String reason = FailureClassifier.reason(new RuntimeException("batch failed",
                new IllegalArgumentException("[DELTA_VIOLATE_CONSTRAINT_WITH_VALUES] CHECK constraint c violated\n"
                        + "  at line two")));

        assertThat(reason).isEqualTo("IllegalArgumentException: [DELTA_VIOLATE_CONSTRAINT_WITH_VALUES] CHECK"
                + " constraint c violated");
        assertThat(FailureClassifier.reason(new NullPointerException())).isEqualTo(
                "NullPointerException: java.lang.NullPointerException");
        assertThat(FailureClassifier.reason(new RuntimeException("x".repeat(400)))).hasSize(300).endsWith("...");
    }
}
