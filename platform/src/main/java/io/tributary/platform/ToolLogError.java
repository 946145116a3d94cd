package io.tributary.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The error a lakehouse-job tool run ({@code sql}, {@code reconcile}) wrote to its log, as the few lines a person needs:
 * Spark's error class and message ({@code [TABLE_OR_VIEW_NOT_FOUND] The table or view ...}), Spark's hints, the place
 * in the query (line, position and a caret under it) and, for the usual mistakes, the fix. Read from the part of the
 * log the run wrote (the log is appended to). Pure.
 *
 * @param headline  the first line: the error class and its first sentence, or the exception and its message
 * @param details   further lines: Spark's hints, the query with a caret, the fix
 */
record ToolLogError(String headline, List<String> details) {
    private static final Pattern ERROR_LINE = Pattern.compile("^\\S+ ERROR +\\[[^]]*] \\S+ - (.*)$");
    private static final Pattern EXCEPTION_LINE = Pattern.compile("^([\\w$]+\\.)*([\\w$]*(Exception|Error))(: ?(.*))?$");
    private static final Pattern ERROR_CLASS = Pattern.compile("^\\[([A-Z0-9_.]+)] ?(.*)$");
    /** Spark's position suffixes: "SQLSTATE: 42P01; line 1 pos 21;" (analysis) and "SQLSTATE: 42601 (line 1, pos 0)" (parser). */
    private static final Pattern SQLSTATE = Pattern.compile("\\s*SQLSTATE: \\w+(;? ?\\(?line (\\d+),? pos (\\d+)\\)?;?)?\\s*$");

    ToolLogError {
        details = List.copyOf(details);
    }

    /**
     * The first error in {@code log} (what the run wrote), empty when it logged none. {@code query}, when not null, is
     * the SQL that ran: a position Spark names in it is shown with a caret.
     */
    static Optional<ToolLogError> find(String log, String query) {
        List<String> lines = log.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher error = ERROR_LINE.matcher(lines.get(i));
            if (error.matches()) {
                return Optional.of(of(error.group(1).strip(), lines.subList(i + 1, lines.size()), query));
            }
        }
        return Optional.empty();
    }

    private static ToolLogError of(String logged, List<String> following, String query) {
        Matcher exception = following.isEmpty() ? null : EXCEPTION_LINE.matcher(following.get(0));
        if (exception == null || !exception.matches()) {
            return new ToolLogError(logged, List.of());
        }
        List<String> message = new ArrayList<>();
        String first = exception.group(5) == null ? "" : exception.group(5).strip();
        if (!first.isEmpty()) {
            message.add(first);
        }
        for (String line : following.subList(1, following.size())) {
            if (line.startsWith("\tat ") || line.startsWith("\tSuppressed: ") || line.startsWith("Caused by: ")) {
                break;
            }
            message.add(line);
        }
        while (!message.isEmpty() && message.get(0).isBlank()) {
            message.remove(0);
        }
        if (message.isEmpty()) {
            return new ToolLogError(exception.group(2), List.of());
        }
        Matcher sparkClass = ERROR_CLASS.matcher(message.get(0));
        if (!sparkClass.matches()) {
            return new ToolLogError(exception.group(2) + ": " + message.get(0).strip(), List.of());
        }
        return spark(sparkClass.group(1), message, query);
    }

    /** Spark's message: the class line, hint lines up to SQLSTATE, then a plan (dropped) or an "== SQL ==" block (kept). */
    private static ToolLogError spark(String errorClass, List<String> message, String query) {
        List<String> text = new ArrayList<>();
        int line = -1;
        int pos = -1;
        int i = 0;
        for (; i < message.size(); i++) {
            Matcher state = SQLSTATE.matcher(message.get(i));
            if (state.find()) {
                String before = message.get(i).substring(0, state.start()).strip();
                if (!before.isEmpty()) {
                    text.add(before);
                }
                if (state.group(2) != null) {
                    line = Integer.parseInt(state.group(2));
                    pos = Integer.parseInt(state.group(3));
                }
                i++;
                break;
            }
            text.add(message.get(i).strip());
        }
        List<String> sqlBlock = sqlBlock(message.subList(Math.min(i, message.size()), message.size()));
        List<String> details = new ArrayList<>(text.subList(1, text.size()));
        if (line > 0) {
            details.add("at line " + line + ", position " + (pos + 1) + ":");
            if (!sqlBlock.isEmpty()) {
                sqlBlock.forEach(s -> details.add("  " + s));
            } else if (query != null) {
                List<String> queryLines = query.lines().toList();
                if (line <= queryLines.size()) {
                    details.add("  " + queryLines.get(line - 1));
                    details.add("  " + " ".repeat(Math.max(0, pos)) + "^");
                }
            }
        }
        fix(errorClass).ifPresent(details::add);
        return new ToolLogError(text.get(0), details);
    }

    /** The lines between "== SQL ==" and the next blank line: the query and Spark's carets. */
    private static List<String> sqlBlock(List<String> rest) {
        List<String> block = new ArrayList<>();
        boolean inside = false;
        for (String line : rest) {
            if (!inside) {
                inside = line.startsWith("== SQL");
            } else if (line.isBlank()) {
                break;
            } else {
                block.add(line);
            }
        }
        return block;
    }

    private static Optional<String> fix(String errorClass) {
        if (errorClass.startsWith("TABLE_OR_VIEW_NOT_FOUND") || errorClass.startsWith("SCHEMA_NOT_FOUND")) {
            return Optional.of("The lake's tables: tributary sql \"SHOW TABLES IN silver\" (also bronze, silver_all and lake;"
                    + " lake.quarantine holds the poison records).");
        }
        return Optional.empty();
    }

    /** The lines to print: the headline prefixed with the command, the details indented, then where the whole log is. */
    List<String> lines(String command, Object logFile) {
        List<String> out = new ArrayList<>();
        out.add(command + ": " + headline);
        details.forEach(d -> out.add("  " + d));
        out.add("  (the whole log: " + logFile + ")");
        return out;
    }
}
