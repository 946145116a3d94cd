package io.tributary.bench;

import java.util.Locale;
import java.util.Map;

/** Renders docs/BENCHMARKS.md from a run: the machine, then a section with a table per benchmark. */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    /** {@code plots}: benchmark id -> SVG file names relative to the page (docs/BENCHMARKS.md here). */
    public static String render(RunReport run, Map<String, java.util.List<String>> plots, String preamble) {
        return render(run, plots, preamble, "# Benchmarks", "benchmarks/");
    }

    /**
     * @param plots   benchmark id -> SVG file names relative to the page
     * @param title   the page's heading
     * @param toFiles where the results JSON is, relative to the page
     */
    public static String render(RunReport run, Map<String, java.util.List<String>> plots, String preamble,
                                String title, String toFiles) {
        StringBuilder sb = new StringBuilder();
        sb.append(title).append("\n\n").append(preamble).append('\n');
        RunReport.Machine m = run.machine;
        sb.append("## This run\n\n| | |\n|---|---|\n")
                .append("| mode | `").append(run.mode).append("` (`").append(run.command).append("`) |\n")
                .append("| date | ").append(run.startedAt).append(" |\n")
                .append("| duration | ").append(fmt(run.durationSeconds)).append(" s |\n")
                .append("| machine | ").append(m.cores()).append(" cores (").append(m.cpuModel()).append("), ")
                .append(fmt(m.memoryBytes() / 1024.0 / 1024 / 1024)).append(" GiB |\n")
                .append("| JDK | ").append(m.jdk()).append(" |\n")
                .append("| OS | ").append(m.os()).append(" |\n")
                .append("| load average at start | ").append(m.loadAverageAtStart()).append(" |\n\n");
        sb.append("Raw results: [`benchmarks/results-").append(run.mode).append(".json`](").append(toFiles).append("results-")
                .append(run.mode).append(".json).\n\n");
        for (BenchmarkResult b : run.benchmarks) {
            sb.append("## ").append(b.title).append("\n\n");
            if (b.measures != null) {
                sb.append("Measures: ").append(b.measures).append(".\n\n");
            }
            if (b.error != null) {
                sb.append("**Not measured in this run**: ").append(b.error).append("\n\n");
            }
            if (!b.rows.isEmpty()) {
                sb.append("| contender | items | active s | per second | ratio | detail |\n|---|---:|---:|---:|---|---|\n");
                for (BenchmarkResult.Row r : b.rows) {
                    sb.append("| ").append(r.name()).append(" | ").append(count(r.items())).append(" | ")
                            .append(fmt(r.seconds())).append(" | **").append(count(r.perSecond())).append("** | ")
                            .append(r.ratio() == null ? "baseline" : String.format(Locale.ROOT, "%.2fx of %s",
                                    r.ratio(), r.ratioTo()))
                            .append(" | ").append(r.detail() == null ? "" : r.detail()).append(" |\n");
                }
                sb.append('\n');
            }
            if (!b.tableHeader.isEmpty()) {
                sb.append("| ").append(String.join(" | ", b.tableHeader)).append(" |\n|")
                        .append("---|".repeat(b.tableHeader.size())).append('\n');
                for (java.util.List<String> row : b.tableRows) {
                    sb.append("| ").append(String.join(" | ", row)).append(" |\n");
                }
                sb.append('\n');
            }
            // a quick run is a smoke test: its figures are printed, never judged against the targets
            boolean judged = !"quick".equals(run.mode);
            for (BenchmarkResult.TargetCheck t : b.targets) {
                sb.append("- Target *").append(t.target()).append("*: measured ").append(fmt(t.measured()))
                        .append(!judged ? " - not judged in a quick run" : t.met() ? " - **met**"
                                : String.format(Locale.ROOT, " - **missed** (%.0f%% of the target)",
                                        100 * t.fractionOfTarget()))
                        .append('\n');
            }
            if (!b.targets.isEmpty()) {
                sb.append('\n');
            }
            for (String note : b.notes) {
                sb.append("- ").append(note).append('\n');
            }
            if (!b.notes.isEmpty()) {
                sb.append('\n');
            }
            for (String plot : plots.getOrDefault(b.id, java.util.List.of())) {
                sb.append("![").append(b.title).append("](").append(plot).append(")\n\n");
            }
        }
        return sb.toString();
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static String count(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,.0f", v);
    }
}
