package io.tributary.configuration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a secret from a file (as named by {@code <ENV>_FILE} or {@code <key>.file}): the content without one trailing newline. */
public final class SecretFile {
    private SecretFile() {
    }

    /** The secret in {@code file}; an {@link IOException} when the file cannot be read. */
    public static String read(Path file) throws IOException {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        if (content.endsWith("\n")) {
            content = content.substring(0, content.length() - 1);
            if (content.endsWith("\r")) {
                content = content.substring(0, content.length() - 1);
            }
        }
        return content;
    }
}
