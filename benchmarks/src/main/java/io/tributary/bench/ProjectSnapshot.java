package io.tributary.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private copy of what the stack launches (init-db/, each module's target/classes and runtime classpath, with the
 * project's own SNAPSHOT jars copied too), taken once at the start. A benchmark runs for half an hour; without the
 * copy, a rebuild of any module in the same work tree would pull classes from under a stage being started.
 */
final class ProjectSnapshot {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectSnapshot.class);

    /** module folder -> a class that must be present in a complete build of it. */
    static final Map<String, String> MODULES = Map.of(
            "cdc-engine", "io/tributary/cdc/CdcEngineMain.class",
            "lakehouse-job", "io/tributary/lakehouse/LakehouseJobMain.class",
            "simulator", "io/tributary/simulator/SimulatorMain.class",
            "schema-registry/server", "io/tributary/registry/SchemaRegistryMain.class",
            "benchmarks", "io/tributary/bench/BenchMain.class");

    private ProjectSnapshot() {
    }

    static Path take(Path root, Path into) throws IOException, InterruptedException {
        copyTree(root.resolve("init-db"), into.resolve("init-db"));
        Files.copy(root.resolve("pom.xml"), into.resolve("pom.xml"), StandardCopyOption.REPLACE_EXISTING);
        for (Map.Entry<String, String> m : MODULES.entrySet()) {
            Path target = root.resolve(m.getKey()).resolve("target");
            Path copy = into.resolve(m.getKey()).resolve("target");
            for (int attempt = 1; ; attempt++) {
                if (Files.isRegularFile(target.resolve("classes").resolve(m.getValue()))
                        && Files.isRegularFile(target.resolve("runtime.classpath"))) {
                    copyTree(target.resolve("classes"), copy.resolve("classes"));
                    if (Files.isRegularFile(copy.resolve("classes").resolve(m.getValue()))) {
                        break;
                    }
                }
                if (attempt == 12) {
                    throw new BenchmarkFailure(m.getKey() + " is not built (" + target.resolve("classes")
                            .resolve(m.getValue()) + " is missing); build it with ./mvnw -q -pl " + m.getKey()
                            + " install -DskipTests");
                }
                LOG.info("{} is being rebuilt; waiting for its classes", m.getKey());
                Thread.sleep(5_000);
            }
            List<String> entries = new ArrayList<>();
            Path lib = Files.createDirectories(copy.resolve("lib"));
            for (String entry : Files.readString(target.resolve("runtime.classpath")).strip().split(File.pathSeparator)) {
                Path jar = Path.of(entry);
                if (entry.contains("SNAPSHOT") && Files.isRegularFile(jar)) {
                    Path local = lib.resolve(jar.getFileName());
                    Files.copy(jar, local, StandardCopyOption.REPLACE_EXISTING);
                    entries.add(local.toString());
                } else if (!entry.isBlank()) {
                    entries.add(entry);
                }
            }
            Files.writeString(copy.resolve("runtime.classpath"), String.join(File.pathSeparator, entries));
        }
        return into;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                try {
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(dest);
                    } else {
                        Files.createDirectories(dest.getParent());
                        Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (java.nio.file.NoSuchFileException e) {
                    // removed by a concurrent build while walking: the completeness check decides
                }
            }
        }
    }
}
