package io.tributary.stack;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * How one run of a process ended, in a form that is equal for two runs that failed the same way: its exit code and
 * the last ERROR line it logged (else its last line), without the timestamp, the thread and random ids. The
 * supervisor compares these to recognise a crash loop ({@link RestartPolicy}). Pure.
 *
 * <p>Only the lines of the last run count: {@link ManagedProcess} writes {@code ==== <instant> starting <name>: ...}
 * into the log before each start.
 */
public final class FailureSignature {
    static final String RUN_MARKER = "==== ";
    private static final int MAX_LINE = 300;
    private static final Pattern TIMESTAMP = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2}[T ])?\\d{2}:\\d{2}:\\d{2}([.,]\\d+)?(Z|[+-]\\d{2}:?\\d{2})?\\s+");
    private static final Pattern LEVEL_AND_THREAD = Pattern.compile("^(ERROR|WARN|INFO|DEBUG|TRACE)\\s+\\[[^]]*]\\s+");
    private static final Pattern ERROR_LINE = Pattern.compile("^(ERROR\\b.*|Exception in thread .*|Error: .*)");
    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+(at |\\.\\.\\. \\d+ more)");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private FailureSignature() {
    }

    /**
     * @param exitCode the run's exit code, empty when unknown (a process adopted from another invocation)
     * @param logTail  the last lines of its log, oldest first
     * @return empty when the exit tells nothing about the input: unknown, 0 (not a failure), or above 128 (killed by a
     *         signal from outside, e.g. SIGKILL: 137)
     */
    public static Optional<String> of(OptionalInt exitCode, List<String> logTail) {
        if (exitCode.isEmpty() || exitCode.getAsInt() == 0 || exitCode.getAsInt() > 128) {
            return Optional.empty();
        }
        return Optional.of("exit " + exitCode.getAsInt() + ": " + lastErrorLine(lastRun(logTail)));
    }

    /** The lines after the last start marker (all of them when the marker is not in the tail). */
    static List<String> lastRun(List<String> logTail) {
        for (int i = logTail.size() - 1; i >= 0; i--) {
            if (logTail.get(i).startsWith(RUN_MARKER)) {
                return logTail.subList(i + 1, logTail.size());
            }
        }
        return logTail;
    }

    /** The last ERROR line (normalised), else the last line that is not part of a stack trace, else "(no output)". */
    static String lastErrorLine(List<String> lines) {
        String fallback = null;
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = normalise(lines.get(i));
            if (line.isEmpty() || STACK_FRAME.matcher(lines.get(i)).find()) {
                continue;
            }
            if (ERROR_LINE.matcher(line).matches()) {
                return line;
            }
            if (fallback == null) {
                fallback = line;
            }
        }
        return fallback == null ? "(no output)" : fallback;
    }

    static String normalise(String line) {
        String s = TIMESTAMP.matcher(line.strip()).replaceFirst("");
        s = LEVEL_AND_THREAD.matcher(s).replaceFirst("$1 ");
        s = UUID.matcher(s).replaceAll("<id>");
        return s.length() > MAX_LINE ? s.substring(0, MAX_LINE) + "..." : s;
    }
}
