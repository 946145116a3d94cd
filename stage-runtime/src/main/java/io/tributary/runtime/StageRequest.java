package io.tributary.runtime;

import java.net.InetSocketAddress;

/**
 * A request to a stage's HTTP endpoint, as a route sees it.
 *
 * @param method {@code GET}, {@code POST}, ...
 * @param path   the request path, without the query
 * @param remote the client's address
 */
public record StageRequest(String method, String path, InetSocketAddress remote) {

    /** Whether the client is on the stage's own host (operations that change state are accepted only from there). */
    public boolean fromLoopback() {
        return remote != null && remote.getAddress() != null && remote.getAddress().isLoopbackAddress();
    }

    /** The path's segments after the leading slash: {@code /tables/orders/resume} gives tables, orders, resume. */
    public String[] segments() {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.isEmpty() ? new String[0] : p.split("/");
    }
}
