package io.tributary.stack;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code tributary supervise} daemon of a data dir: a JVM detached from the CLI, recorded in
 * {@code <data-dir>/supervisor.json} (not a run record: it is not a service), logging to
 * {@code <data-dir>/logs/supervisor.log}.
 */
final class SupervisorDaemon {
    private static final Logger LOG = LoggerFactory.getLogger(SupervisorDaemon.class);

    private final StackSettings settings;
    private final RunStateStore store;

    SupervisorDaemon(StackSettings settings) {
        this.settings = settings;
        this.store = new RunStateStore(settings.dataDir());
    }

    Optional<ManagedProcess> find() {
        return store.read(LocalStack.SUPERVISOR).flatMap(ManagedProcess::adopt);
    }

    /** Starts {@code command} unless a daemon already runs (then returns that one). */
    ManagedProcess start(List<String> command) {
        Optional<ManagedProcess> running = find();
        if (running.isPresent()) {
            LOG.info("The supervisor daemon already runs (pid {})", running.get().pid());
            return running.get();
        }
        ManagedProcess process = ManagedProcess.start(new ProcessSpec(LocalStack.SUPERVISOR, command, Map.of(),
                settings.projectRoot(), settings.logFile(LocalStack.SUPERVISOR), StopSignal.TERM), true);
        store.write(new RunRecord(LocalStack.SUPERVISOR, process.pid(), process.startedAt().toString(), "",
                process.logFile().toString(), StopSignal.TERM.name()));
        return process;
    }

    void stop(Duration grace) {
        find().ifPresent(p -> p.stop(grace));
        store.delete(LocalStack.SUPERVISOR);
    }
}
