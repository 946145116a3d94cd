package io.tributary.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Pid files of the stack: one JSON {@link RunRecord} per process under {@code <data-dir>/run/}. */
final class RunStateStore {
    private static final Logger LOG = LoggerFactory.getLogger(RunStateStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    RunStateStore(Path dir) {
        this.dir = dir;
    }

    void write(RunRecord record) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(record.name() + ".json.tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), record);
            Files.move(tmp, file(record.name()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StackException("Cannot write the pid file " + file(record.name()) + ": " + e.getMessage(), e);
        }
    }

    Optional<RunRecord> read(String name) {
        Path file = file(name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), RunRecord.class));
        } catch (IOException e) {
            LOG.warn("Ignoring unreadable pid file {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    List<RunRecord> readAll() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .map(n -> read(n.substring(0, n.length() - ".json".length())))
                    .flatMap(Optional::stream)
                    .toList();
        } catch (IOException e) {
            throw new StackException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    void delete(String name) {
        try {
            Files.deleteIfExists(file(name));
        } catch (IOException e) {
            LOG.warn("Cannot delete pid file {}: {}", file(name), e.getMessage());
        }
    }

    private Path file(String name) {
        return dir.resolve(name + ".json");
    }
}
