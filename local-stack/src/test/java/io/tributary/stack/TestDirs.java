package io.tributary.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fresh data dir under target/it-stacks (kept after the run so the server logs can be read). */
final class TestDirs {
    private TestDirs() {
    }

    static Path fresh(Class<?> testClass) {
        try {
            Path dir = Path.of("target", "it-stacks", testClass.getSimpleName() + "-" + System.currentTimeMillis()).toAbsolutePath();
            Files.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
