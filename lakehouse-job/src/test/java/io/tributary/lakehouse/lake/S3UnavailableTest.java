package io.tributary.lakehouse.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.AccessDeniedException;
import org.apache.hadoop.fs.s3a.AWSClientIOException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

class S3UnavailableTest {

    private static final String RETRIES = "fs.s3a.retry.limit=5";

    @Test
    void refusedConnectionToS3NamesEndpointBucketAndWhatToDo() {
        SdkClientException sdk = SdkClientException.create("Unable to execute HTTP request: Connection refused",
                new ConnectException("Connection refused"));
        var s3a = new AWSClientIOException("getFileStatus on s3a://lakehouse/silver/orders/_delta_log", sdk);
        var failure = new RuntimeException("batch 7 failed", s3a);

        String message = S3Unavailable.describe(failure, "http://127.0.0.1:19000", "lakehouse", RETRIES).orElseThrow();

        assertThat(message).startsWith("S3 does not answer (endpoint http://127.0.0.1:19000, bucket lakehouse)")
                .contains(RETRIES).contains("exit code 3").contains("start the job again");
    }

    @Test
    void accessDeniedIsARefusal() {
        var failure = new IllegalStateException(new AccessDeniedException(
                "s3a://lakehouse/bronze/orders/part-0.parquet: PUT 0-byte object: 403 Forbidden"));

        assertThat(S3Unavailable.describe(failure, "http://minio:9000", "lakehouse", RETRIES))
                .hasValueSatisfying(m -> assertThat(m).startsWith("S3 refuses the job's requests"));
    }

    @Test
    void connectionFailureOfAnotherServiceIsNotAnS3Outage() {
        var registry = new IOException("registry http://127.0.0.1:18081", new ConnectException("Connection refused"));

        assertThat(S3Unavailable.describe(registry, "http://127.0.0.1:19000", "lakehouse", RETRIES)).isEmpty();
    }

    @Test
    void aDataErrorOnS3IsNotAnOutage() {
        var failure = new IllegalStateException("silver table s3a://lakehouse/silver/orders holds two rows for key 3");

        assertThat(S3Unavailable.describe(failure, "http://127.0.0.1:19000", "lakehouse", RETRIES)).isEmpty();
    }
}
