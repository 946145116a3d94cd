package io.tributary.console.lake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The lake page's data: a bucket's "folders" and objects under a prefix, one page per request as MinIO's console lists
 * them (the next page from the token of the previous one), an object's bytes for download, and for a prefix that is a
 * Delta table its {@link DeltaTableView}.
 */
public final class LakeBrowser {
    public static final int DEFAULT_PAGE = 100;
    public static final int MAX_PAGE = 1000;
    /** The largest object the console hands out (a data file of the demo is a few MB). */
    public static final long MAX_DOWNLOAD = 256L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectStore store;
    private final DeltaTableView delta;

    public LakeBrowser(ObjectStore store) {
        this.store = store;
        this.delta = new DeltaTableView(store);
    }

    /**
     * {@code {"bucket", "path", "parent", "prefixes": [..], "objects": [{"key", "name", "size", "lastModified"}],
     * "nextToken", "deltaTable"}}; {@code path} "" is the bucket's root, else a prefix ending in {@code /}. One
     * ListObjectsV2 request per call.
     */
    public ObjectNode listing(String path, String token, int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE) {
            throw new IllegalArgumentException("max=" + pageSize + ": a page holds 1 to " + MAX_PAGE + " entries");
        }
        String prefix = path.isEmpty() || path.endsWith("/") ? path : path + "/";
        ListingPage page = store.list(prefix, token, pageSize);
        ObjectNode root = JSON.createObjectNode();
        root.put("bucket", store.bucket());
        root.put("path", prefix);
        root.put("parent", parent(prefix));
        ArrayNode prefixes = root.putArray("prefixes");
        page.prefixes().forEach(prefixes::add);
        ArrayNode objects = root.putArray("objects");
        page.objects().forEach(o -> objects.addObject().put("key", o.key()).put("name", o.key().substring(prefix.length()))
                .put("size", o.size()).put("lastModified", o.lastModified() == null ? null : o.lastModified().toString()));
        root.put("nextToken", page.nextToken());
        // one request per page: a table is recognised on the page that lists its _delta_log/ (the first, as "_" sorts
        // before the data files' names)
        root.put("deltaTable", page.prefixes().contains(prefix + "_delta_log/"));
        return root;
    }

    /** The Delta view of the table at {@code path}, at {@code version} or the latest; empty when it is not a table. */
    public Optional<ObjectNode> table(String path, OptionalLong version) {
        return Optional.ofNullable(delta.json(path, version));
    }

    /** The object's bytes; empty when there is no such key. */
    public Optional<byte[]> download(String key) {
        if (key.isEmpty() || key.endsWith("/")) {
            throw new IllegalArgumentException("key=" + key + ": name an object, not a prefix");
        }
        return store.get(key, MAX_DOWNLOAD);
    }

    /** The prefix one level up ("" for the root), or null at the root. */
    static String parent(String prefix) {
        if (prefix.isEmpty()) {
            return null;
        }
        int cut = prefix.lastIndexOf('/', prefix.length() - 2);
        return cut < 0 ? "" : prefix.substring(0, cut + 1);
    }
}
