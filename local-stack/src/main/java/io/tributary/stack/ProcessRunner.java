package io.tributary.stack;

import java.io.IOException;
import java.nio.file.Files;
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

    /** Starts a server owned by this handle and returns once it is ready; does nothing if it already runs. */
    void startServer(ServerDefinition server) {
        ManagedProcess current = table.process(server.name());
        if (current != null && current.isAlive()) {
            LOG.info("{} already runs (pid {})", server.name(), current.pid());
            return;
        }
        server.ports().forEach((port, option) -> PortAvailability.requireFree(server.name(), port, option));
        long begin = System.nanoTime();
        try {
            Files.createDirectories(settings.tmpDir());
            server.prepare();
        } catch (IOException e) {
            throw new StackException("Cannot prepare " + server.name() + " under " + settings.dataDir().resolve(server.name())
                    + ": " + e.getMessage(), e);
        }
        ManagedProcess process = spawn(server);
        table.update(server.name(), e -> e.withOwned(true));
        try {
            ReadinessWait.await(server, process, settings.startupTimeout());
            server.afterHealthy();
        } catch (RuntimeException e) {
            process.kill();
            table.detach(server.name());
            runState.delete(server.name());
            throw e;
        }
        LOG.info("{} is up at {} (pid {}) in {} ms", server.name(), server.endpoint(), process.pid(),
                (System.nanoTime() - begin) / 1_000_000);
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
