package io.tributary.console.lake;

import java.net.URI;
import java.util.Optional;
import java.util.List;
import java.util.ArrayList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The lake's bucket through the S3 API (AWS SDK v2, path-style addressing, static keys): ListObjectsV2 with a
 * delimiter and continuation tokens, HeadObject and GetObject. The same calls work against S3Proxy, MinIO and S3.
 */
public final class S3ObjectStore implements ObjectStore, AutoCloseable {
    private final S3Client s3;
    private final String bucket;

    private S3ObjectStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** A client of {@code location}; its keys are used to sign requests and never shown. */
    public static S3ObjectStore of(LakeLocation location) {
        S3Client client = S3Client.builder()
                .endpointOverride(URI.create(location.endpoint()))
                .region(Region.of(location.region()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(location.accessKey(), location.secretKey())))
                .build();
        return new S3ObjectStore(client, location.bucket());
    }

    @Override
    public String bucket() {
        return bucket;
    }

    @Override
    public ListingPage list(String prefix, String continuationToken, int maxKeys) {
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix)
                .delimiter("/").maxKeys(maxKeys);
        if (continuationToken != null && !continuationToken.isEmpty()) {
            request.continuationToken(continuationToken);
        }
        ListObjectsV2Response page = s3.listObjectsV2(request.build());
        return new ListingPage(page.commonPrefixes().stream().map(p -> p.prefix()).toList(),
                page.contents().stream().map(o -> new ListingPage.Entry(o.key(), o.size(), o.lastModified())).toList(),
                Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null);
    }

    @Override
    public ListingPage listAll(String prefix, int limit) {
        List<ListingPage.Entry> all = new ArrayList<>();
        String token = null;
        do {
            ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix)
                    .maxKeys(Math.min(1000, limit - all.size()));
            if (token != null) {
                request.continuationToken(token);
            }
            ListObjectsV2Response page = s3.listObjectsV2(request.build());
            page.contents().forEach(o -> all.add(new ListingPage.Entry(o.key(), o.size(), o.lastModified())));
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null && all.size() < limit);
        return new ListingPage(List.of(), all, token);
    }

    @Override
    public Optional<byte[]> get(String key, long maxBytes) {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
            if (head.contentLength() != null && head.contentLength() > maxBytes) {
                throw new IllegalArgumentException(key + " has " + head.contentLength() + " bytes, more than the console"
                        + " serves (" + maxBytes + "): read it with an S3 client or `./tributary sql`");
            }
            ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
            return Optional.of(bytes.asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
