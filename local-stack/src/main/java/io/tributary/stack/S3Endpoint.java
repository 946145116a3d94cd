package io.tributary.stack;

/**
 * How to reach the stack's S3 (S3Proxy): path-style addressing, static credentials. {@link #toString()} hides the
 * keys.
 */
public record S3Endpoint(String endpoint, String region, String bucket, String accessKey, String secretKey) {
    public static final String REGION = "us-east-1";
    public static final String BUCKET = "lakehouse";

    @Override
    public String toString() {
        return "S3Endpoint[" + endpoint + ", region=" + region + ", bucket=" + bucket + "]";
    }
}
