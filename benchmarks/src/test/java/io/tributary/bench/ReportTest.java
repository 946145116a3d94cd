package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void ratiosAreTakenAgainstTheNamedBaselineOfTheSameResult() {
        BenchmarkResult r = new BenchmarkResult("capture", "1. Capture", "changes/s");
        r.addRow("raw", 1000, 1, 1000, null, "");
        BenchmarkResult.Row cdc = r.addRow("cdc", 1000, 1.25, 800, "raw", "");
        BenchmarkResult.Row orphan = r.addRow("x", 1, 1, 1, "missing", "");
        assertThat(cdc.ratio()).isEqualTo(0.8);
        assertThat(orphan.ratio()).isNull();
    }

    @Test
    void targetsSayMetOrByHowMuchTheyAreMissed() {
        BenchmarkResult.TargetCheck higher = new BenchmarkResult.TargetCheck("x >= 0.8", 0.8, 0.6, true);
        BenchmarkResult.TargetCheck lower = new BenchmarkResult.TargetCheck("p99 <= 5 s", 5, 10, false);
        assertThat(higher.met()).isFalse();
        assertThat(higher.fractionOfTarget()).isCloseTo(0.75, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(lower.met()).isFalse();
        assertThat(lower.fractionOfTarget()).isEqualTo(0.5);
        assertThat(new BenchmarkResult.TargetCheck("p99 <= 5 s", 5, 4, false).met()).isTrue();
    }

    @Test
    void markdownHasTheMachineATablePerBenchmarkAndTheMissByHowMuch() {
        RunReport run = run("full", "./benchmarks/bench full");
        BenchmarkResult r = new BenchmarkResult("capture", "1. Capture", "changes/s");
        r.addRow("raw", 1000, 1, 1000, null, "");
        r.addRow("cdc", 1000, 1.6, 625, "raw", "");
        r.targets.add(new BenchmarkResult.TargetCheck("cdc >= 0.8x raw", 0.8, 0.625, true));
        BenchmarkResult failed = new BenchmarkResult("apply", "4. Apply", null);
        failed.error = "lakehouse-job exited";
        run.benchmarks.addAll(List.of(r, failed));
        String md = MarkdownReport.render(run, Map.of("capture", List.of("benchmarks/capture-full.svg")), "Intro.\n");
        assertThat(md).contains("| machine | 2 cores (EPYC), 24.00 GiB |", "| JDK | OpenJDK 17 |",
                "| cdc | 1,000 | 1.60 | **625** | 0.63x of raw |", "**missed** (78% of the target)",
                "**Not measured in this run**: lakehouse-job exited", "![1. Capture](benchmarks/capture-full.svg)");
        run.mode = "quick";
        assertThat(MarkdownReport.render(run, Map.of(), "")).contains("measured 0.63 - not judged in a quick run")
                .doesNotContain("**missed**");
    }

    @Test
    void aQuickRunWritesItsOwnPageAndLeavesTheFullFiguresAlone(@org.junit.jupiter.api.io.TempDir java.nio.file.Path docs)
            throws Exception {
        java.nio.file.Files.createDirectories(docs.resolve("benchmarks"));
        java.nio.file.Files.writeString(docs.resolve("BENCHMARKS.md"), "the full figures\n");
        java.nio.file.Files.writeString(docs.resolve("benchmarks/PREAMBLE.md"), "Full preamble.\n");
        RunReport run = run("quick", "./benchmarks/bench --quick");
        BenchmarkResult r = new BenchmarkResult("capture", "1. Capture", "changes/s");
        r.addRow("raw", 1000, 1, 1000, null, "");
        r.series.add(new BenchmarkResult.Series("raw", "changes/s", List.of(new double[] {0, 1}, new double[] {1, 2})));
        run.benchmarks.add(r);

        BenchMain.write(run, docs);

        assertThat(docs.resolve("BENCHMARKS.md")).hasContent("the full figures");
        assertThat(docs.resolve("benchmarks/results-quick.json")).exists();
        assertThat(docs.resolve("benchmarks/capture-quick.svg")).exists();
        String page = java.nio.file.Files.readString(docs.resolve("benchmarks/QUICK.md"));
        assertThat(page).contains("never replaces", "![1. Capture](capture-quick.svg)", "](results-quick.json)").doesNotContain("Full preamble");

        run.mode = "full";
        BenchMain.write(run, docs);
        assertThat(java.nio.file.Files.readString(docs.resolve("BENCHMARKS.md")))
                .startsWith("# Benchmarks\n\nFull preamble.").contains("![1. Capture](benchmarks/capture-full.svg)");
    }

    @Test
    void svgHasOnePolylinePerSeriesAndEscapesText() {
        String svg = SvgChart.render("a < b", "s", "changes/s", List.of(
                new BenchmarkResult.Series("one", "changes/s", List.of(new double[] {0, 1}, new double[] {1, 2})),
                new BenchmarkResult.Series("two & more", "changes/s", List.of(new double[] {0, 3}))));
        assertThat(svg).startsWith("<svg").contains("a &lt; b", "two &amp; more");
        assertThat(svg.split("<polyline", -1)).hasSize(3);
        assertThat(SvgChart.niceCeiling(7_300)).isEqualTo(10_000);
        assertThat(SvgChart.niceCeiling(1_900)).isEqualTo(2_000);
        assertThat(SvgChart.niceCeiling(0)).isEqualTo(1);
    }

    private static RunReport run(String mode, String command) {
        RunReport run = new RunReport();
        run.mode = mode;
        run.command = command;
        run.startedAt = "2026-01-01T00:00:00Z";
        run.machine = new RunReport.Machine(2, 24L << 30, "OpenJDK 17", "Linux", "EPYC", "1.0");
        return run;
    }
}
