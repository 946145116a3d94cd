package io.tributary.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.console.lake.DeltaLogSamples;
import io.tributary.console.lake.LakeBrowser;
import io.tributary.console.lake.LakeLocation;
import io.tributary.console.lake.ListingPage;
import io.tributary.console.lake.ObjectStore;
import io.tributary.console.lake.S3ObjectStore;
import io.tributary.console.topics.StreamingCheckpoints;
import io.tributary.stack.LocalStack;
import io.tributary.stack.S3Endpoint;
import io.tributary.stack.Service;
import io.tributary.stack.StackSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The lake page's endpoints against a real S3Proxy of the local stack: a prefix of 10,000 objects listed page by page
 * (one ListObjectsV2 request per page), a Delta table's versions, live files and schema from its log, a download, and
 * the lake's consumed offsets from a streaming checkpoint.
 */
class LakeBrowserIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalStack stack;
    private static S3ObjectStore store;
    private static S3Client s3;

    @BeforeAll
    static void startS3() throws IOException {
        Path dir = Path.of("target", "it-stacks", "LakeBrowserIT-" + System.nanoTime()).toAbsolutePath();
        Files.createDirectories(dir);
        stack = LocalStack.start(StackSettings.forTests(dir), Service.S3);
        S3Endpoint e = stack.s3();
        store = S3ObjectStore.of(new LakeLocation(e.endpoint(), e.region(), e.bucket(), e.accessKey(), e.secretKey()));
        s3 = S3Client.builder().endpointOverride(URI.create(e.endpoint())).region(Region.of(e.region())).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(e.accessKey(), e.secretKey())))
                .build();
    }

    @AfterAll
    static void stop() {
        if (s3 != null) {
            s3.close();
        }
        if (store != null) {
            store.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private static void put(String key, String body) {
        s3.putObject(b -> b.bucket(S3Endpoint.BUCKET).key(key), RequestBody.fromString(body, StandardCharsets.UTF_8));
    }

    /** The real store, counting the list requests the browser makes. */
    private static final class CountingStore implements ObjectStore {
        final AtomicInteger lists = new AtomicInteger();

        @Override
        public String bucket() {
            return store.bucket();
        }

        @Override
        public ListingPage list(String prefix, String continuationToken, int maxKeys) {
            lists.incrementAndGet();
            return store.list(prefix, continuationToken, maxKeys);
        }

        @Override
        public ListingPage listAll(String prefix, int limit) {
            lists.incrementAndGet();
            return store.listAll(prefix, limit);
        }

        @Override
        public Optional<byte[]> get(String key, long maxBytes) {
            return store.get(key, maxBytes);
        }
    }

    @Test
    void aPrefixOfTenThousandObjectsIsListedPageByPageOneRequestEach() throws IOException {
        // written straight into S3Proxy's filesystem store (10,000 PUTs would take a minute on a loaded machine); the
        // listing goes through the S3 API
        Path folder = stack.settings().serviceDir(Service.S3).resolve("data").resolve(S3Endpoint.BUCKET).resolve("many");
        Files.createDirectories(folder.resolve("sub"));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            String name = "part-%05d.bin".formatted(i);
            Files.write(folder.resolve(name), new byte[i % 7 + 1]);
            expected.add(name);
        }
        Files.writeString(folder.resolve("sub/inner.bin"), "x");

        CountingStore counting = new CountingStore();
        LakeBrowser browser = new LakeBrowser(counting);
        List<String> names = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            JsonNode page = browser.listing("many/", token, 1000);
            pages++;
            assertThat(counting.lists).as("requests after page %d", pages).hasValue(pages);
            assertThat(page.get("objects").size() + page.get("prefixes").size()).isLessThanOrEqualTo(1000);
            page.get("objects").forEach(o -> names.add(o.get("name").asText()));
            page.get("prefixes").forEach(p -> prefixes.add(p.asText()));
            if (pages == 1) {
                assertThat(page.get("objects").get(3).get("size").asLong()).isEqualTo(4);
                assertThat(page.get("objects").get(3).get("lastModified").asText()).isNotEmpty();
                assertThat(page.get("parent").asText()).isEmpty();
            }
            token = page.get("nextToken").isNull() ? null : page.get("nextToken").asText();
        } while (token != null && pages < 50);
        assertThat(pages).isBetween(10, 11);
        assertThat(names).containsExactlyElementsOf(expected);
        assertThat(prefixes).containsExactly("many/sub/");
    }

    @Test
    void aDeltaTableShowsItsVersionsLiveFilesAndSchemaAndItsFilesDownload() throws Exception {
        put("silver/orders/_delta_log/00000000000000000000.json", DeltaLogSamples.COMMIT_0);
        put("silver/orders/_delta_log/00000000000000000001.json", DeltaLogSamples.COMMIT_1);
        put("silver/orders/_delta_log/00000000000000000002.json", DeltaLogSamples.COMMIT_2);
        put("silver/orders/_delta_log/00000000000000000002.crc", "{}");
        put("silver/orders/part-00001-b.snappy.parquet", "PAR1 b");
        put("silver/orders/part-00002-c.snappy.parquet", "PAR1 c");
        ConsoleApi api = new ConsoleApi(new FixedSources(), new MetricHistory(Duration.ofMinutes(1)),
                ConsoleToken.loadOrCreate(stack.settings().dataDir().resolve("console_token")),
                () -> new RegistryView(path -> Optional.empty()), () -> Optional.of(store));

        JsonNode listing = JSON.readTree(api.handle("GET", "/api/lake?path=silver%2Forders%2F", null).bodyText());
        assertThat(listing.get("deltaTable").asBoolean()).isTrue();
        assertThat(listing.get("prefixes")).extracting(JsonNode::asText).containsExactly("silver/orders/_delta_log/");
        assertThat(listing.get("objects")).extracting(o -> o.get("name").asText())
                .containsExactly("part-00001-b.snappy.parquet", "part-00002-c.snappy.parquet");
        JsonNode root = JSON.readTree(api.handle("GET", "/api/lake", null).bodyText());
        assertThat(root.get("bucket").asText()).isEqualTo("lakehouse");
        assertThat(root.get("prefixes")).extracting(JsonNode::asText).contains("silver/");

        JsonNode table = JSON.readTree(api.handle("GET", "/api/lake/table?path=silver%2Forders%2F", null).bodyText());
        assertThat(table.get("latestVersion").asLong()).isEqualTo(2);
        assertThat(table.get("versions")).extracting(v -> v.get("version").asLong() + " " + v.get("operation").asText())
                .containsExactly("2 MERGE", "1 WRITE", "0 CREATE TABLE");
        assertThat(table.get("versions").get(0).get("operationMetrics").get("numTargetRowsUpdated").asText()).isEqualTo("1");
        assertThat(table.get("versions").get(0).get("timestamp").asText()).isEqualTo("2026-12-06T23:33:30Z");
        assertThat(table.get("files")).extracting(f -> f.get("path").asText())
                .containsExactlyInAnyOrder("part-00001-b.snappy.parquet", "part-00002-c.snappy.parquet");
        assertThat(table.get("fileCount").asInt()).isEqualTo(2);
        assertThat(table.get("schema")).extracting(f -> f.get("name").asText()).containsExactly("order_id", "status", "price", "_key", "_deleted");
        assertThat(table.get("checkpoints")).isEmpty();
        assertThat(table.get("preview").get("sql").asText())
                .isEqualTo("./tributary sql \"SELECT * FROM silver_all.orders VERSION AS OF 2 LIMIT 100\"");
        assertThat(table.get("preview").get("rows").asText()).isEqualTo("/api/lake/preview?path=silver%2Forders%2F&version=2");

        JsonNode v1 = JSON.readTree(api.handle("GET", "/api/lake/table?path=silver%2Forders%2F&version=1", null).bodyText());
        assertThat(v1.get("files")).extracting(f -> f.get("path").asText())
                .containsExactly("part-00000-a.snappy.parquet", "part-00001-b.snappy.parquet");
        ConsoleResponse tooFar = api.handle("GET", "/api/lake/table?path=silver%2Forders%2F&version=9", null);
        assertThat(tooFar.status()).isEqualTo(400);
        assertThat(tooFar.bodyText()).contains("version=9: silver/orders/ has the versions 0 to 2");
        assertThat(api.handle("GET", "/api/lake/table?path=many%2F", null).status()).isEqualTo(404);

        ConsoleResponse file = api.handle("GET", "/api/lake/object?key=silver%2Forders%2Fpart-00002-c.snappy.parquet", null);
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.bodyText()).isEqualTo("PAR1 c");
        assertThat(file.downloadName()).isEqualTo("part-00002-c.snappy.parquet");
        assertThat(api.handle("GET", "/api/lake/object?key=silver%2Forders%2Fnone.parquet", null).status()).isEqualTo(404);
    }

    @Test
    void theLakesConsumedOffsetsAreThoseOfTheNewestCommittedBatch() {
        String entry = "v1\n{\"batchWatermarkMs\":0,\"batchTimestampMs\":1796600000000}\n{\"tributary.shop.orders\":{\"0\":%d}}";
        put("_checkpoints/lakehouse-job/offsets/6", entry.formatted(100));
        put("_checkpoints/lakehouse-job/offsets/7", entry.formatted(150));
        put("_checkpoints/lakehouse-job/offsets/8", entry.formatted(180));
        put("_checkpoints/lakehouse-job/commits/6", "v1\n{\"nextBatchWatermarkMs\":0}");
        put("_checkpoints/lakehouse-job/commits/7", "v1\n{\"nextBatchWatermarkMs\":0}");
        put("_checkpoints/other/offsets/0", entry.formatted(5));
        // batch 8 is planned, not committed; "other" has committed nothing
        assertThat(StreamingCheckpoints.consumed(store)).isEqualTo(Map.of("lakehouse-job", Map.of("tributary.shop.orders#0", 150L)));
    }
}
