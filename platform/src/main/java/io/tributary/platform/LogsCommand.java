package io.tributary.platform;

import io.tributary.stack.StackException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Print the end of a process's log (<data-dir>/logs/<name>.log), e.g. `tributary logs kafka -n 100`.")
final class LogsCommand implements Callable<Integer> {
    @Mixin
    StackOptions options;

    @Parameters(index = "0", paramLabel = "<name>", description = "postgres, kafka, s3, schema-registry, or a pipeline service.")
    String name;

    @Option(names = {"-n", "--lines"}, defaultValue = "50", description = "How many lines (default ${DEFAULT-VALUE}).")
    int lines;

    @Override
    public Integer call() throws IOException {
        Path logs = options.resolvedDataDir().resolve("logs");
        Path file = logs.resolve(name + ".log");
        if (!Files.isRegularFile(file)) {
            throw new StackException("No log " + file + "; logs there: " + available(logs));
        }
        var out = options.out();
        tail(file, lines).forEach(out::println);
        out.flush();
        return 0;
    }

    private static List<String> available(Path logs) throws IOException {
        if (!Files.isDirectory(logs)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(logs)) {
            return list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        }
    }

    /** The last {@code count} lines, reading backwards from the end (logs can be large). */
    static List<String> tail(Path file, int count) throws IOException {
        if (count <= 0) {
            return List.of();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long pos = raf.length();
            int block = 8192;
            byte[] collected = new byte[0];
            int newlines = 0;
            while (pos > 0 && newlines <= count) {
                int size = (int) Math.min(block, pos);
                pos -= size;
                byte[] chunk = new byte[size];
                raf.seek(pos);
                raf.readFully(chunk);
                for (byte b : chunk) {
                    if (b == '\n') {
                        newlines++;
                    }
                }
                byte[] joined = new byte[chunk.length + collected.length];
                System.arraycopy(chunk, 0, joined, 0, chunk.length);
                System.arraycopy(collected, 0, joined, chunk.length, collected.length);
                collected = joined;
            }
            String text = new String(collected, StandardCharsets.UTF_8);
            Deque<String> last = new ArrayDeque<>();
            for (String line : text.split("\n", -1)) {
                last.addLast(line);
            }
            if (!last.isEmpty() && last.peekLast().isEmpty()) {
                last.removeLast();
            }
            if (pos > 0 && !last.isEmpty()) {
                last.removeFirst(); // a partial first line
            }
            while (last.size() > count) {
                last.removeFirst();
            }
            return List.copyOf(last);
        }
    }
}
