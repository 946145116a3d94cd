package io.tributary.console;

import java.nio.charset.StandardCharsets;

/** An answer of the console: status, content type and body. */
public record ConsoleResponse(int status, String contentType, byte[] body) {
    static final String JSON = "application/json; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";

    static ConsoleResponse json(int status, String body) {
        return new ConsoleResponse(status, JSON, body.getBytes(StandardCharsets.UTF_8));
    }

    static ConsoleResponse text(int status, String body) {
        return new ConsoleResponse(status, TEXT, body.getBytes(StandardCharsets.UTF_8));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
