package io.tributary.console.lake;

/**
 * Where the lake's bucket is: the S3 endpoint, its region, the bucket and the keys to sign with. {@link #toString()}
 * leaves the keys out.
 */
public record LakeLocation(String endpoint, String region, String bucket, String accessKey, String secretKey) {

    @Override
    public String toString() {
        return "LakeLocation[" + endpoint + ", region=" + region + ", bucket=" + bucket + "]";
    }
}
