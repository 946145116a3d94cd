package io.tributary.runtime;

import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A request to a stage's HTTP endpoint, as a route sees it.
 *
 * @param method   {@code GET}, {@code POST}, ...
 * @param path     the request path, without the query
 * @param remote   the client's address
 * @param rawQuery the query as sent (still encoded), or null when there is none
 */
public record StageRequest(String method, String path, InetSocketAddress remote, String rawQuery) {

    public StageRequest(String method, String path, InetSocketAddress remote) {
        this(method, path, remote, null);
    }

    /** Whether the client is on the stage's own host (operations that change state are accepted only from there). */
    public boolean fromLoopback() {
        return remote != null && remote.getAddress() != null && remote.getAddress().isLoopbackAddress();
    }

    /** The path's segments after the leading slash: {@code /tables/orders/resume} gives tables, orders, resume. */
    public String[] segments() {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.isEmpty() ? new String[0] : p.split("/");
    }

    /** The query's parameters, decoded; of a name given twice the first; a name without {@code =} has "". */
    public Map<String, String> parameters() {
        Map<String, String> values = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            values.putIfAbsent(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }
}
