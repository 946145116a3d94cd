package io.tributary.console.lake;

import java.time.Instant;
import java.util.List;

/**
 * One page of a listing: the "folders" (common prefixes, ending in {@code /}), the objects, and the token of the next
 * page (null on the last page).
 */
public record ListingPage(List<String> prefixes, List<Entry> objects, String nextToken) {

    /** An object of a listing: its key, size in bytes and when it was last written. */
    public record Entry(String key, long size, Instant lastModified) {
    }
}
