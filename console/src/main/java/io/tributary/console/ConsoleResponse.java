package io.tributary.console;

import java.nio.charset.StandardCharsets;

/** An answer of the console: status, content type and body; a download also the file name it is saved as. */
public record ConsoleResponse(int status, String contentType, byte[] body, String downloadName) {
    static final String JSON = "application/json; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";

    public ConsoleResponse(int status, String contentType, byte[] body) {
        this(status, contentType, body, null);
    }

    static ConsoleResponse json(int status, String body) {
        return new ConsoleResponse(status, JSON, body.getBytes(StandardCharsets.UTF_8));
    }

    static ConsoleResponse text(int status, String body) {
        return new ConsoleResponse(status, TEXT, body.getBytes(StandardCharsets.UTF_8));
    }

    /** An object handed out for download as {@code fileName}. */
    static ConsoleResponse download(String fileName, byte[] body) {
        return new ConsoleResponse(200, "application/octet-stream", body, fileName.replaceAll("[^A-Za-z0-9._=-]", "_"));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
