package io.tributary.scheduler.job;

import java.util.List;

/** The end of what a run's process wrote, as the run record keeps it: the last lines, each cut to a readable length. */
public final class LastLines {
    static final int MAX_LINE = 400;

    private LastLines() {
    }

    /** The last {@code count} non-blank lines of {@code text}, oldest first, joined by newlines. */
    public static String of(String text, int count) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()).stream()
                .map(l -> l.length() > MAX_LINE ? l.substring(0, MAX_LINE) + " ..." : l).toList());
    }
}
