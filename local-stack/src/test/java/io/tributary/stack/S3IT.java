package io.tributary.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The stack's S3Proxy through the AWS SDK v2 with the lake's settings: endpoint, region, path-style, static keys. */
class S3IT {
    private static LocalStack stack;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.start(StackSettings.forTests(TestDirs.fresh(S3IT.class)), Service.S3);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    private static S3Client client(String accessKey, String secretKey) {
        S3Endpoint s3 = stack.s3();
        return S3Client.builder()
                .endpointOverride(URI.create(s3.endpoint()))
                .region(Region.of(s3.region()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .build();
    }

    private static S3Client client() {
        return client(stack.s3().accessKey(), stack.s3().secretKey());
    }

    @Test
    void putListGetDeleteInTheLakehouseBucket() {
        String bucket = stack.s3().bucket();
        try (S3Client s3 = client()) {
            assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).contains("lakehouse");
            s3.putObject(b -> b.bucket(bucket).key("bronze/customer/part-0001.json"),
                    RequestBody.fromString("{\"id\":1}", StandardCharsets.UTF_8));
            s3.putObject(b -> b.bucket(bucket).key("bronze/customer/part-0002.json"),
                    RequestBody.fromString("{\"id\":2}", StandardCharsets.UTF_8));

            List<S3Object> listed = s3.listObjectsV2(b -> b.bucket(bucket).prefix("bronze/customer/")).contents();
            assertThat(listed).extracting(S3Object::key)
                    .containsExactly("bronze/customer/part-0001.json", "bronze/customer/part-0002.json");
            assertThat(listed).extracting(S3Object::size).containsExactly(8L, 8L);

            String body = s3.getObjectAsBytes(b -> b.bucket(bucket).key("bronze/customer/part-0002.json")).asUtf8String();
            assertThat(body).isEqualTo("{\"id\":2}");

            s3.deleteObject(b -> b.bucket(bucket).key("bronze/customer/part-0001.json"));
            assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("bronze/customer/")).contents())
                    .extracting(S3Object::key).containsExactly("bronze/customer/part-0002.json");
            assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("bronze/customer/part-0001.json")))
                    .isInstanceOf(NoSuchKeyException.class);
        }
    }

    @Test
    void wrongCredentialsAreRefused() {
        try (S3Client s3 = client(stack.s3().accessKey(), "not-the-secret")) {
            assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket("lakehouse")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }
    }

    @Test
    void anonymousRequestsAreRefused() throws Exception {
        try (S3Client s3 = client()) {
            s3.putObject(b -> b.bucket("lakehouse").key("private/secret.txt"), RequestBody.fromString("x", StandardCharsets.UTF_8));
        }
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String path : List.of("/lakehouse", "/lakehouse/private/secret.txt")) {
            java.net.http.HttpResponse<String> response = http.send(
                    java.net.http.HttpRequest.newBuilder(URI.create(stack.s3().endpoint() + path)).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("anonymous GET %s", path).isEqualTo(403);
        }
    }

    @Test
    void credentialsFileIsOwnerOnly() throws Exception {
        assertThat(Files.getPosixFilePermissions(stack.settings().serviceDir(Service.S3).resolve("conf/s3proxy.properties")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(stack.settings().secretsDir().resolve("s3_secret_key")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void sigkilledS3ProxyRestartsWithObjectsIntact() {
        String bucket = stack.s3().bucket();
        try (S3Client s3 = client()) {
            s3.putObject(b -> b.bucket(bucket).key("silver/orders/_delta_log/00000.json"),
                    RequestBody.fromString("commit-0", StandardCharsets.UTF_8));
        }
        long before = stack.pid(Service.S3);
        stack.kill(Service.S3);
        assertThat(ProcessHandle.of(before).map(ProcessHandle::isAlive).orElse(false)).isFalse();

        stack.start(Service.S3);

        assertThat(stack.pid(Service.S3)).isNotEqualTo(before);
        try (S3Client s3 = client()) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("silver/orders/_delta_log/00000.json")).asUtf8String())
                    .isEqualTo("commit-0");
        }
    }
}
