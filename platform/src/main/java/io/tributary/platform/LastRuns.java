package io.tributary.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The results of the latest runs on a data dir, kept for the console: the JSON report of the latest reconcile
 * ({@code <data dir>/runs/last-reconcile.json}, written by demo, {@code reconcile --json} and the console's action) and
 * the summary line of the latest chaos run ({@code <data dir>/runs/last-chaos.txt}). Each is replaced whole (written
 * to a temporary file, then moved).
 */
final class LastRuns {
    static final String DIR = "runs";
    static final String RECONCILE = "last-reconcile.json";
    static final String CHAOS = "last-chaos.txt";

    private final Path dir;

    LastRuns(Path dataDir) {
        this.dir = dataDir.resolve(DIR);
    }

    void saveReconcile(String reportJson) {
        save(RECONCILE, reportJson.strip() + "\n");
    }

    void saveChaos(String summaryLine) {
        save(CHAOS, summaryLine.strip() + "\n");
    }

    Optional<String> reconcile() {
        return read(RECONCILE);
    }

    Optional<String> chaos() {
        return read(CHAOS);
    }

    private void save(String name, String content) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(name + ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the latest run in " + dir.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    private Optional<String> read(String name) {
        Path file = dir.resolve(name);
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
