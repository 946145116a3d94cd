package io.tributary.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Disk space used by a directory. Kafka preallocates sparse 10 MiB index files, so the sum of file sizes overstates
 * it 1000-fold: this asks {@code du} for allocated blocks and falls back to the sum of sizes without it.
 */
final class DiskUsage {
    private DiskUsage() {
    }

    static long of(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try {
            Process du = new ProcessBuilder("du", "-s", "-B1", dir.toString()).redirectErrorStream(false).start();
            String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (du.waitFor(20, TimeUnit.SECONDS) && du.exitValue() == 0) {
                return Long.parseLong(out.trim().split("\\s+")[0]);
            }
        } catch (IOException | NumberFormatException e) {
            // no du: fall through
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return apparentSize(dir);
    }

    static long apparentSize(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }
}
