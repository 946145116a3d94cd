package io.tributary.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A pipeline stage (cdc-engine, lakehouse-job, simulator, a one-shot load) that the stack launches from a
 * {@link ModuleLaunch}, with the stack's {@code TRIBUTARY_*} environment. It has no port or API of its own here: it
 * is ready once its process runs.
 */
final class StageProcess implements ServerDefinition {
    private final StackSettings settings;
    private final ModuleLaunch launch;
    private final Supplier<Map<String, String>> stackEnvironment;

    StageProcess(StackSettings settings, ModuleLaunch launch, Supplier<Map<String, String>> stackEnvironment) {
        this.settings = settings;
        this.launch = launch;
        this.stackEnvironment = stackEnvironment;
    }

    @Override
    public String name() {
        return launch.name();
    }

    @Override
    public Map<Integer, String> ports() {
        return Map.of();
    }

    @Override
    public void prepare() throws IOException {
        Files.createDirectories(settings.tmpDir());
    }

    @Override
    public ProcessSpec processSpec() {
        return launch.toSpec(settings, stackEnvironment.get());
    }

    @Override
    public Probe probe() {
        return Probe.up("process alive");
    }

    @Override
    public Path dataDir() {
        return null;
    }

    @Override
    public String endpoint() {
        return "";
    }
}
