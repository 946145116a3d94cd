package io.tributary.console.lake;

import java.util.Optional;

/**
 * The lake's bucket as the console reads it: one page of a listing under a prefix, split at {@code /} as S3 lists
 * "folders", and the bytes of one object. {@link S3ObjectStore} reads it through the S3 API (S3Proxy, MinIO, S3).
 */
public interface ObjectStore {

    /** The bucket's name, for the page's heading. */
    String bucket();

    /**
     * At most {@code maxKeys} entries under {@code prefix} (keys and common prefixes, split at {@code /}), from
     * {@code continuationToken} (null: the first page). One request to the store: never a whole listing.
     */
    ListingPage list(String prefix, String continuationToken, int maxKeys);

    /**
     * Every key under {@code prefix} (no delimiter), page after page; for a table's {@code _delta_log}, whose size
     * the console needs whole. {@code limit} caps how many keys it reads.
     */
    ListingPage listAll(String prefix, int limit);

    /** The object's bytes, or empty when there is no such key; an object larger than {@code maxBytes} is refused. */
    Optional<byte[]> get(String key, long maxBytes);
}
