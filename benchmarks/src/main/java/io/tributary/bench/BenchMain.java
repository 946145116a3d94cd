package io.tributary.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tributary.stack.LocalStack;
import io.tributary.stack.Service;
import io.tributary.stack.StackSettings;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bench full} or {@code bench --quick}: starts a private local stack on free ports, runs the eight benchmarks
 * of docs/BENCHMARKS.md one after the other, and writes docs/benchmarks/results-&lt;mode&gt;.json, the SVG plots and
 * the page: docs/BENCHMARKS.md for a full run, docs/benchmarks/QUICK.md for a quick one.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Tributary benchmarks: each stage against its limit and a peer, in one run (docs/BENCHMARKS.md).")
public final class BenchMain implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(BenchMain.class);

    @Parameters(arity = "0..1", paramLabel = "full", description = "full: the figures of docs/BENCHMARKS.md (default)")
    String modeName = "full";

    @Option(names = "--quick", description = "a smoke run (90 s on an idle 2-core machine): small sizes, all benchmarks"
            + " at once, one Spark JVM; its figures are not comparable and go to docs/benchmarks/QUICK.md, never to"
            + " docs/BENCHMARKS.md")
    boolean quick;

    @Option(names = "--docs", description = "where BENCHMARKS.md (full) and benchmarks/ (results, plots, QUICK.md) are"
            + " written (default: <project>/docs)")
    Path docs;

    @Option(names = "--work-dir", description = "servers' data and logs (default: benchmarks/target/bench-<time>)")
    Path workDir;

    @Option(names = "--time-budget", converter = DurationConverter.class,
            description = "stop starting benchmarks after this (e.g. 50m); a running initial load reports its partial figure")
    java.time.Duration timeBudget;

    @Option(names = "--render", paramLabel = "RESULTS_JSON",
            description = "only rewrite BENCHMARKS.md and the plots from an earlier run's results (after editing"
                    + " docs/benchmarks/PREAMBLE.md or ANALYSIS.md); runs nothing")
    Path render;

    @Option(names = "--rates", split = ",", paramLabel = "N",
            description = "end-to-end rates in changes/s instead of the mode's (full: 1000,5000,10000,20000)")
    List<Integer> rates;

    @Option(names = "--profile", description = "record JFR (settings=profile) and a GC log of every cdc-engine and"
            + " lakehouse-job process into the run directory (<name>.jfr, <name>-gc.log)")
    boolean profile;

    @Option(names = "--lake-set", paramLabel = "KEY=VALUE",
            description = "a setting for every lakehouse job the run starts (passed as --set KEY=VALUE; e.g."
                    + " TRIBUTARY_LAKEHOUSE_COMPACT_AFTER_FILES=32), to compare settings run against run")
    List<String> lakeSettings = new java.util.ArrayList<>();

    @Option(names = "--lake-jvm", paramLabel = "OPTION",
            description = "a JVM option appended to every lakehouse job's (after the stack's own, so -Xmx768m wins)")
    List<String> lakeJvmOptions = new java.util.ArrayList<>();

    @Option(names = "--only", split = ",", description = "run only these: capture, apply, initial-load, gold-serving,"
            + " end-to-end")
    List<String> only;

    /** The command line as given, for the report. */
    private String[] arguments = new String[0];

    public static void main(String[] args) {
        BenchMain main = new BenchMain();
        main.arguments = args.clone();
        System.exit(new CommandLine(main).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!quick && !"full".equals(modeName)) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "unknown mode '" + modeName + "': use 'full' or '--quick'");
        }
        BenchMode mode = quick ? BenchMode.quick() : BenchMode.full();
        if (rates != null) {
            mode = mode.withRates(rates);
        }
        Path root = ProjectRootLocator.find();
        Path docsDir = docs != null ? docs : root.resolve("docs");
        if (render != null) {
            RunReport rendered = new ObjectMapper().readValue(render.toFile(), RunReport.class);
            write(rendered, docsDir);
            LOG.info("Rewrote {} from {}", pageOf(rendered.mode, docsDir), render);
            return 0;
        }
        Path runDir = (workDir != null ? workDir
                : root.resolve("benchmarks/target/bench-" + System.currentTimeMillis())).toAbsolutePath();
        Files.createDirectories(runDir);
        RunReport report = new RunReport();
        report.mode = mode.name();
        report.command = arguments.length == 0 ? "./benchmarks/bench full"
                : "./benchmarks/bench " + String.join(" ", arguments);
        report.startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        report.machine = machine();
        long start = System.nanoTime();
        LOG.info("Benchmarks ({} mode), servers and logs under {}", mode.name(), runDir);
        Path snapshot = ProjectSnapshot.take(root, runDir.resolve("project"));
        var sparkClasses = SparkJobCompiler.compileModule(root, snapshot);
        StackSettings defaults = StackSettings.forTests(runDir.resolve("stack"));
        java.util.function.Function<Path, StackSettings.Builder> settings = dir -> StackSettings.builder(dir)
                .environment(Map.of())
                .projectRoot(snapshot)
                .startupTimeout(defaults.startupTimeout())
                .stopTimeout(defaults.stopTimeout())
                .detachChildren(false)
                .postgresBinaries(defaults.postgresBinaries());
        try (ResourceSampler sampler = new ResourceSampler();
             BenchServers servers = BenchServers.start(runDir.resolve("stack"), defaults.ports(), settings)) {
            LocalStack stack = servers.main();
            for (Service s : Service.values()) {
                sampler.watch(s.id(), servers.pid(s));
            }
            BenchContext ctx = new BenchContext(stack, runDir, mode, sampler);
            ctx.profile = profile;
            ctx.lakeSettings = List.copyOf(lakeSettings);
            ctx.lakeJvmOptions = List.copyOf(lakeJvmOptions);
            ctx.sparkClasses = sparkClasses;
            if (timeBudget != null) {
                ctx.deadlineNanos = start + timeBudget.toNanos();
            }
            CaptureBenchmarks capture = new CaptureBenchmarks(ctx);
            if (!wanted("capture")) {
                capture.topicFilled.complete(0);
            }
            // cheapest and most independent first; after each, the page is rewritten so an interrupted run keeps its figures
            List<Map.Entry<String, Step>> steps = List.of(
                    Map.entry("capture", capture::run),
                    Map.entry("apply", () -> List.of(new ApplyBenchmark(ctx, capture.topicFilled).run())),
                    Map.entry("initial-load", () -> List.of(new InitialLoadBenchmark(ctx).run())),
                    Map.entry("gold-serving", () -> List.of(new GoldServingBenchmark(ctx).run())),
                    Map.entry("end-to-end", () -> List.of(new EndToEndBenchmark(ctx).run())));
            if (mode.shared()) {
                runAtOnce(ctx, steps, report);
            } else {
                for (Map.Entry<String, Step> step : steps) {
                    if (wanted(step.getKey()) && ctx.remaining(java.time.Duration.ofDays(1)).isZero()) {
                        BenchmarkResult skipped = new BenchmarkResult(step.getKey(), step.getKey(), null);
                        skipped.error = "skipped: the run's time budget (--time-budget " + timeBudget + ") was used up";
                        report.benchmarks.add(skipped);
                    } else if (wanted(step.getKey())) {
                        report.benchmarks.addAll(runGuarded(step.getKey(), step.getValue()));
                        checkpoint(report, sampler.usage(), docsDir, start);
                    }
                }
            }
            report.benchmarks.add(ResourcesReport.of(sampler.usage()));
        }
        report.durationSeconds = (System.nanoTime() - start) / 1e9;
        write(report, docsDir);
        LOG.info("Done in {} s: {}", String.format(Locale.ROOT, "%.0f", report.durationSeconds),
                pageOf(report.mode, docsDir));
        return 0;
    }

    private boolean wanted(String id) {
        return only == null || only.contains(id);
    }

    /** Writes the results so far (with the resources so far), as if the run ended here. */
    private static void checkpoint(RunReport report, List<ResourceSampler.Usage> usage, Path docsDir, long start) {
        try {
            RunReport partial = new RunReport();
            partial.mode = report.mode;
            partial.command = report.command;
            partial.startedAt = report.startedAt;
            partial.machine = report.machine;
            partial.benchmarks.addAll(report.benchmarks);
            partial.benchmarks.add(ResourcesReport.of(usage));
            partial.durationSeconds = (System.nanoTime() - start) / 1e9;
            write(partial, docsDir);
        } catch (Exception e) {
            LOG.warn("Could not write the intermediate results: {}", e.toString());
        }
    }

    interface Step {
        List<BenchmarkResult> run() throws Exception;
    }

    private static List<BenchmarkResult> runGuarded(String id, Step step) {
        try {
            return step.run();
        } catch (Exception | AssertionError e) {
            LOG.error("Benchmark {} failed", id, e);
            BenchmarkResult failed = new BenchmarkResult(id, id, null);
            failed.error = e.toString();
            return List.of(failed);
        }
    }

    /**
     * Quick mode: one Spark JVM for every benchmark (started first: it takes longest), then all benchmarks at once,
     * each on its own thread; the results keep the order of {@code steps}.
     */
    private void runAtOnce(BenchContext ctx, List<Map.Entry<String, Step>> steps, RunReport report) throws Exception {
        boolean needsSpark = steps.stream().anyMatch(s -> wanted(s.getKey()) && !"capture".equals(s.getKey()));
        ctx.lake = needsSpark ? SharedLake.start(ctx) : null;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newCachedThreadPool();
        try {
            List<java.util.concurrent.Future<List<BenchmarkResult>>> running = new java.util.ArrayList<>();
            for (Map.Entry<String, Step> step : steps) {
                if (wanted(step.getKey())) {
                    running.add(pool.submit(() -> runGuarded(step.getKey(), step.getValue())));
                }
            }
            for (java.util.concurrent.Future<List<BenchmarkResult>> f : running) {
                report.benchmarks.addAll(f.get());
            }
        } finally {
            pool.shutdownNow();
            if (ctx.lake != null) {
                ctx.lake.close();
            }
        }
    }

    /**
     * Writes the results JSON, the plots and the page: a full run rewrites docs/BENCHMARKS.md (with PREAMBLE.md and
     * ANALYSIS.md), a quick run only docs/benchmarks/QUICK.md, so that a smoke run never replaces the figures.
     */
    static void write(RunReport report, Path docsDir) throws Exception {
        Path dir = Files.createDirectories(docsDir.resolve("benchmarks"));
        boolean quick = "quick".equals(report.mode);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        json.writeValue(dir.resolve("results-" + report.mode + ".json").toFile(), report);
        Map<String, List<String>> plots = new LinkedHashMap<>();
        for (BenchmarkResult b : report.benchmarks) {
            // one plot per unit, so that rates and seconds do not share an axis
            Map<String, List<BenchmarkResult.Series>> byUnit = new LinkedHashMap<>();
            b.series.forEach(ser -> byUnit.computeIfAbsent(ser.unit(), u -> new java.util.ArrayList<>()).add(ser));
            int n = 0;
            for (Map.Entry<String, List<BenchmarkResult.Series>> unit : byUnit.entrySet()) {
                String file = b.id + (n++ == 0 ? "" : "-" + n) + "-" + report.mode + ".svg";
                Files.writeString(dir.resolve(file), SvgChart.render(b.title, "seconds since the run started",
                        unit.getKey(), unit.getValue()));
                plots.computeIfAbsent(b.id, k -> new java.util.ArrayList<>()).add((quick ? "" : "benchmarks/") + file);
            }
        }
        if (quick) {
            Files.writeString(pageOf(report.mode, docsDir), MarkdownReport.render(report, plots, QUICK_PREAMBLE,
                    "# Benchmarks: the last quick run", ""));
            return;
        }
        Path preamble = dir.resolve("PREAMBLE.md");
        String text = Files.isRegularFile(preamble) ? Files.readString(preamble) : "";
        Path analysis = dir.resolve("ANALYSIS.md");
        String appendix = Files.isRegularFile(analysis) ? "\n" + Files.readString(analysis) : "";
        Files.writeString(docsDir.resolve("BENCHMARKS.md"), MarkdownReport.render(report, plots, text) + appendix);
    }

    static Path pageOf(String mode, Path docsDir) {
        return "quick".equals(mode) ? docsDir.resolve("benchmarks/QUICK.md") : docsDir.resolve("BENCHMARKS.md");
    }

    static final String QUICK_PREAMBLE = """
            A smoke run of the harness (`./benchmarks/bench --quick`), written here so that it never replaces the
            figures of [BENCHMARKS.md](../BENCHMARKS.md). Its sizes are small and all benchmarks share the machine at
            once, so its figures are printed but judged against no target.

            """;

    static RunReport.Machine machine() {
        String cpu = "unknown CPU";
        String load = "n/a";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
            load = Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            LOG.debug("no /proc details: {}", e.toString());
        }
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return new RunReport.Machine(Runtime.getRuntime().availableProcessors(), memory,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"), cpu, load);
    }

}
