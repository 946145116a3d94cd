package io.tributary.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The example commands of README.md and docs/*.md: every line of a fenced block that a user would type (a
 * {@code ./tributary}, curl, psql, kcat ... command, continuation lines joined, trailing comments dropped), and the
 * SQL a README block gives to psql. Each is sorted into what it needs: the local stack's servers (run by
 * TributaryCliIT), the pipeline (cdc-engine, the lake), or nothing it could be run against here (it starts or stops a
 * stack, builds, or is a synopsis with placeholders). Pure but for reading the files.
 */
final class DocExamples {
    enum Needs { SERVERS, PIPELINE, NOT_A_STACK_COMMAND }

    record Command(String file, int line, String text, Needs needs) {
        String where() {
            return file + ":" + line;
        }
    }

    /**
     * A fenced SQL block: statements for psql. A block whose first line says it needs a stage running (e.g.
     * {@code -- ./tributary psql, with the gold stage running}) needs the pipeline; any other only the servers.
     */
    record SqlBlock(String file, int line, String sql) {
        Needs needs() {
            String first = sql.lines().findFirst().orElse("");
            return first.startsWith("--") && first.contains(" running") ? Needs.PIPELINE : Needs.SERVERS;
        }
    }

    private static final Pattern COMMAND = Pattern.compile(
            "^(\\./tributary|eval|curl|psql|kcat|kafka-|\\./mvnw|\\./benchmarks|docker|cp|java|lakehouse-job|bash)\\b.*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\[--|<[a-z ]+>|\\.\\.\\.");

    private DocExamples() {
    }

    static List<Path> files(Path root) {
        List<Path> files = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    static List<Command> commands(Path root) {
        List<Command> all = new ArrayList<>();
        for (Path file : files(root)) {
            all.addAll(commands(root.relativize(file).toString(), read(file)));
        }
        return all;
    }

    static List<SqlBlock> sqlBlocks(Path root) {
        List<SqlBlock> all = new ArrayList<>();
        for (Path file : files(root)) {
            String name = root.relativize(file).toString();
            StringBuilder sql = new StringBuilder();
            int[] first = {0};
            int[] previous = {-1};
            forEachFencedLine(read(file), (lang, number, line) -> {
                if (!lang.equals("sql")) {
                    return;
                }
                if (number != previous[0] + 1 && !sql.isEmpty()) { // a new block
                    all.add(new SqlBlock(name, first[0], sql.toString()));
                    sql.setLength(0);
                }
                if (sql.isEmpty()) {
                    first[0] = number;
                }
                sql.append(line).append('\n');
                previous[0] = number;
            });
            if (!sql.isEmpty()) {
                all.add(new SqlBlock(name, first[0], sql.toString()));
            }
        }
        return all;
    }

    static List<Command> commands(String file, String markdown) {
        List<Command> found = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        int[] start = {0};
        forEachFencedLine(markdown, (lang, number, raw) -> {
            if (!(lang.isEmpty() || lang.equals("bash") || lang.equals("sh"))) {
                return;
            }
            String line = raw.strip();
            if (pending.isEmpty()) {
                start[0] = number;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                return;
            }
            String text = withoutComment(pending.append(line).toString()).strip().replaceAll("\\s+", " ");
            pending.setLength(0);
            if (COMMAND.matcher(text).matches()) {
                found.add(new Command(file, start[0], text, needs(text)));
            }
        });
        return found;
    }

    /** What a documented command needs to run. */
    static Needs needs(String command) {
        String c = command.toLowerCase(Locale.ROOT);
        if (PLACEHOLDER.matcher(command).find() || c.matches("^(\\./mvnw|\\./benchmarks|docker|cp|java|lakehouse-job|bash)\\b.*")
                || c.matches("^\\./tributary (demo|up|down|chaos|supervise|--help|lakehouse-job|cdc)\\b.*")) {
            return Needs.NOT_A_STACK_COMMAND;
        }
        if (c.matches("^\\./tributary (sql|tail|reconcile|resume|backfill|schema|trace|gold)\\b.*") || c.contains(":18082")
                || c.contains(":18080/api/actions/") || c.contains(":18083") || c.contains(":18084")
                || c.contains(" serving.") || c.contains("tributary.shop.") || c.startsWith("kafka-")
                || c.matches("^\\./tributary logs (cdc-engine|lakehouse-job|simulator)\\b.*")) {
            return Needs.PIPELINE;
        }
        return Needs.SERVERS;
    }

    private static String withoutComment(String line) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '\'' && !dbl) {
                single = !single;
            } else if (ch == '"' && !single) {
                dbl = !dbl;
            } else if (ch == '#' && !single && !dbl && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    interface FencedLine {
        void accept(String lang, int number, String line);
    }

    private static void forEachFencedLine(String markdown, FencedLine consumer) {
        String lang = null;
        int number = 0;
        for (String line : markdown.split("\n", -1)) {
            number++;
            String s = line.strip();
            if (s.startsWith("```")) {
                lang = lang == null ? s.substring(3).strip() : null;
                continue;
            }
            if (lang != null) {
                consumer.accept(lang, number, line);
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
