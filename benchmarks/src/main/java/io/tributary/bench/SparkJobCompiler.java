package io.tributary.bench;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.UncheckedIOException;
import io.tributary.stack.ModuleLaunch;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles the Spark baseline jobs (src/main/spark) against lakehouse-job's classpath at run time, so that this
 * module depends on neither Spark nor its Kafka 3.9 client (Debezium here needs Kafka 4).
 */
final class SparkJobCompiler {

    /**
     * The pseudo-module in the run's project snapshot holding the compiled classes, its runtime.classpath being
     * lakehouse-job's: the stack launches (logs, stops, reaps) a Spark job from it like any stage.
     */
    static final String MODULE = "bench-spark";

    private SparkJobCompiler() {
    }

    /**
     * Compiles into {@code <snapshot>/bench-spark/target/} on a background thread (javac takes 5-25 s here, so it runs
     * while the servers start).
     */
    static CompletableFuture<Void> compileModule(Path root, Path snapshot) {
        return CompletableFuture.runAsync(() -> {
            try {
                String lakehouseCp = ModuleLaunch.of("lakehouse-job", "x", List.of(), Map.of(), List.of())
                        .classpath(snapshot);
                Path target = snapshot.resolve(MODULE).resolve("target");
                compile(root, lakehouseCp, target.resolve("classes"));
                Files.writeString(target.resolve("runtime.classpath"), lakehouseCp);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Returns the output directory holding the compiled classes. */
    static Path compile(Path root, String lakehouseClasspath, Path outDir) throws IOException {
        Path sources = root.resolve("benchmarks/src/main/spark");
        List<String> files;
        try (Stream<Path> s = Files.walk(sources)) {
            files = s.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new BenchmarkFailure("No Java compiler in this runtime; run the benchmarks on a JDK 17, not a JRE");
        }
        Files.createDirectories(outDir);
        StringWriter errors = new StringWriter();
        List<String> options = new java.util.ArrayList<>(List.of("--release", "17", "-d", outDir.toString(),
                "-classpath", lakehouseClasspath, "-nowarn"));
        options.addAll(files);
        int rc = javac.run(null, null, new java.io.PrintStream(new java.io.ByteArrayOutputStream()) {
            @Override
            public void write(byte[] b, int off, int len) {
                errors.write(new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8));
            }
        }, options.toArray(String[]::new));
        if (rc != 0) {
            throw new BenchmarkFailure("Compiling " + sources + " against lakehouse-job failed (is lakehouse-job built?):\n"
                    + errors);
        }
        return outDir;
    }
}
