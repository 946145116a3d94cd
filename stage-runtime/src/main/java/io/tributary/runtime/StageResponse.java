package io.tributary.runtime;

import java.nio.charset.StandardCharsets;

/**
 * A route's answer.
 *
 * @param contentType null with an empty body (e.g. 405)
 * @param body        the bytes sent; empty: none
 */
public record StageResponse(int status, String contentType, byte[] body) {

    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String JSON = "application/json";
    /** The content type of the Prometheus text exposition format. */
    public static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

    public static StageResponse text(int status, String body) {
        return of(status, TEXT, body);
    }

    public static StageResponse json(int status, String body) {
        return of(status, JSON, body);
    }

    public static StageResponse of(int status, String contentType, String body) {
        return new StageResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** 405 without a body: the path exists, the method does not. */
    public static StageResponse methodNotAllowed() {
        return new StageResponse(405, null, new byte[0]);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
