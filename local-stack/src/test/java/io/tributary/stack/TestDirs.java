package io.tributary.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A fresh data dir under target/it-stacks, kept after the run so the server logs can be read. Older dirs of the same
 * test class are removed first (a PostgreSQL cluster is ~40 MB), keeping the previous run's for comparison.
 */
final class TestDirs {
    private static final Path ROOT = Path.of("target", "it-stacks").toAbsolutePath();

    private TestDirs() {
    }

    static Path fresh(Class<?> testClass) {
        String prefix = testClass.getSimpleName() + "-";
        try {
            Files.createDirectories(ROOT);
            pruneOlderThanPrevious(prefix);
            Path dir = ROOT.resolve(prefix + System.nanoTime());
            Files.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pruneOlderThanPrevious(String prefix) throws IOException {
        List<Path> runs;
        try (Stream<Path> list = Files.list(ROOT)) {
            runs = list.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .sorted(Comparator.comparing(TestDirs::modified).reversed()).toList();
        }
        for (Path old : runs.subList(Math.min(runs.size(), 3), runs.size())) {
            PostgresBinaries.deleteRecursively(old);
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
