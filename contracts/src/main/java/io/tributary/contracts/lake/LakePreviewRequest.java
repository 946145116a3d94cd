package io.tributary.contracts.lake;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * A request for the first rows of one Delta table of the lake, as the lakehouse job's {@code GET /lake/preview} takes
 * it and the console sends it: {@code path} a table under the lake's root ({@code bronze/<table>},
 * {@code silver/<table>}, {@code history/<table>}, {@code gold/<table>} or {@code quarantine}; a trailing {@code /}
 * is dropped), {@code version} a version of its log (empty: the latest), {@code limit} 1 to {@link #MAX_LIMIT} rows.
 * Anything else (a scheme, {@code ..}, another prefix of the bucket) is refused by {@link #parse} with a message
 * naming the parameter.
 */
public record LakePreviewRequest(String path, OptionalLong version, int limit) {
    public static final String PATH = "path";
    public static final String VERSION = "version";
    public static final String LIMIT = "limit";
    public static final int MAX_LIMIT = 100;
    /** The HTTP path of the endpoint on the lakehouse job's metrics port. */
    public static final String ENDPOINT = "/lake/preview";

    private static final Pattern TABLE = Pattern.compile("(bronze|silver|history|gold)/[A-Za-z0-9_-]+|quarantine");
    private static final String TABLES = "bronze/<table>, silver/<table>, history/<table>, gold/<table> or quarantine";

    public LakePreviewRequest {
        if (!TABLE.matcher(path).matches()) {
            throw new IllegalArgumentException(PATH + "=" + path + " is no table of the lake: name one as " + TABLES);
        }
        if (version.isPresent() && version.getAsLong() < 0) {
            throw new IllegalArgumentException(VERSION + "=" + version.getAsLong() + ": a version is 0 or more");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException(LIMIT + "=" + limit + ": a preview has 1 to " + MAX_LIMIT + " rows");
        }
    }

    /**
     * The request from the query's decoded parameters; {@code null} or empty {@code version}/{@code limit}: the latest
     * version, {@value #MAX_LIMIT} rows.
     *
     * @throws IllegalArgumentException naming the parameter that is missing or wrong, and what it takes
     */
    public static LakePreviewRequest parse(String path, String version, String limit) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("the parameter " + PATH + " is missing: name a table as " + TABLES);
        }
        if (path.contains("..") || path.contains(":") || path.startsWith("/") || path.contains("\\")) {
            throw new IllegalArgumentException(PATH + "=" + path + ": a table's path under the lake's root, without a"
                    + " scheme, a leading / or .., as " + TABLES);
        }
        String table = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        OptionalLong v = isAbsent(version) ? OptionalLong.empty() : OptionalLong.of(number(VERSION, version));
        long n = isAbsent(limit) ? MAX_LIMIT : number(LIMIT, limit);
        if (n > MAX_LIMIT) {
            throw new IllegalArgumentException(LIMIT + "=" + limit + ": a preview has 1 to " + MAX_LIMIT + " rows");
        }
        return new LakePreviewRequest(table, v, (int) n);
    }

    /** The query string the endpoint takes ({@code path=silver%2Forders&version=3&limit=100}). */
    public String query() {
        return PATH + "=" + URLEncoder.encode(path, StandardCharsets.UTF_8)
                + (version.isPresent() ? "&" + VERSION + "=" + version.getAsLong() : "") + "&" + LIMIT + "=" + limit;
    }

    private static boolean isAbsent(String value) {
        return value == null || value.isEmpty();
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + value + " is not a whole number");
        }
    }
}
