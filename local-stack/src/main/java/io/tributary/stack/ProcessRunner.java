package io.tributary.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the process of one {@link ServerDefinition}: checks its ports, prepares it, starts it, enters it in the
 * {@link ProcessTable} and writes its run record; a server is then awaited until its readiness probe passes (and
 * killed again if it does not).
 */
final class ProcessRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);

    private final StackSettings settings;
    private final ProcessTable table;
    private final RunStateStore runState;

    ProcessRunner(StackSettings settings, ProcessTable table, RunStateStore runState) {
        this.settings = settings;
        this.table = table;
        this.runState = runState;
    }

    /**
     * Starts the processes of one server (each node of a Kafka cluster) that do not run yet, owned by this handle, and
     * returns once every one is ready. All are started before any is awaited: a KRaft node answers only once a
     * majority of its quorum runs. If one is not ready in time, those this call started are killed again.
     */
    void startServers(List<ServerDefinition> nodes) {
        List<ServerDefinition> toStart = new ArrayList<>();
        for (ServerDefinition server : nodes) {
            ManagedProcess current = table.process(server.name());
            if (current != null && current.isAlive()) {
                LOG.info("{} already runs (pid {})", server.name(), current.pid());
            } else {
                toStart.add(server);
            }
        }
        toStart.forEach(server -> server.ports().forEach((port, option) -> PortAvailability.requireFree(server.name(), port, option)));
        long begin = System.nanoTime();
        Map<ServerDefinition, ManagedProcess> started = new LinkedHashMap<>();
        try {
            for (ServerDefinition server : toStart) {
                prepare(server);
                started.put(server, spawn(server));
                table.update(server.name(), e -> e.withOwned(true));
            }
            for (Map.Entry<ServerDefinition, ManagedProcess> e : started.entrySet()) {
                ReadinessWait.await(e.getKey(), e.getValue(), settings.startupTimeout());
            }
            for (ServerDefinition server : started.keySet()) {
                server.afterHealthy();
            }
        } catch (RuntimeException e) {
            started.forEach((server, process) -> {
                process.kill();
                table.detach(server.name());
                runState.delete(server.name());
            });
            throw e;
        }
        started.forEach((server, process) -> LOG.info("{} is up at {} (pid {}) in {} ms", server.name(), server.endpoint(),
                process.pid(), (System.nanoTime() - begin) / 1_000_000));
    }

    private void prepare(ServerDefinition server) {
        try {
            Files.createDirectories(settings.tmpDir());
            server.prepare();
        } catch (IOException e) {
            throw new StackException("Cannot prepare " + server.name() + " under " + settings.dataDir().resolve(server.name())
                    + ": " + e.getMessage(), e);
        }
    }

    /** Starts a pipeline stage; refused while a process of the same name is alive. */
    ManagedProcess launch(StageProcess stage, ModuleLaunch launch) {
        ManagedProcess previous = table.process(stage.name());
        if (previous != null && previous.isAlive()) {
            throw new StackException(stage.name() + " already runs (pid " + previous.pid() + "); stop it first or give the launch another name");
        }
        try {
            stage.prepare();
        } catch (IOException e) {
            throw new StackException("Cannot create " + settings.tmpDir() + ": " + e.getMessage(), e);
        }
        table.update(stage.name(), e -> e.withLaunch(launch));
        return spawn(stage);
    }

    /** Starts the process of {@code definition} (prepared already), enters it in the table and writes its run record. */
    private ManagedProcess spawn(ServerDefinition definition) {
        ManagedProcess process = ManagedProcess.start(definition.processSpec(), settings.detachChildren());
        table.attach(definition.name(), process);
        ProcessEntry entry = table.update(definition.name(), e -> e.with(e.supervision().paused(false).failed(null)));
        runState.write(new RunRecord(entry.name(), process.pid(), process.startedAt().toString(), definition.endpoint(),
                process.logFile().toString(), process.stopSignal().name()).with(entry.supervision())
                .withLaunch(entry.launch(), entry.oneShot()));
        return process;
    }
}
