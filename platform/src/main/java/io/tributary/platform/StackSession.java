package io.tributary.platform;

import io.tributary.stack.LocalStack;
import io.tributary.stack.ManagedProcess;
import io.tributary.stack.Service;
import io.tributary.stack.StackSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import sun.misc.Signal;

/**
 * What {@code demo} and {@code chaos} do around their run: the first Ctrl-C asks the run to finish (stop the simulator,
 * catch up, reconcile), a second one exits at once; the stack is started under the data dir's lock with its ports
 * remembered; at the end it is stopped, or left running with {@code --keep-running} under a background supervisor.
 */
final class StackSession {
    private final StackSettings settings;
    private final PrintWriter out;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final long begin = System.nanoTime();
    private List<String> daemonArguments = List.of();

    StackSession(StackSettings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    /** Installs the Ctrl-C handler; {@code finishing} says what the first Ctrl-C does, e.g. "finishing the demo". */
    /** Options for the background supervisor a {@code --keep-running} run leaves, e.g. its {@code --console-port}. */
    StackSession daemonArguments(List<String> arguments) {
        this.daemonArguments = List.copyOf(arguments);
        return this;
    }

    StackSession onCtrlC(String finishing) {
        Signal.handle(new Signal("INT"), signal -> {
            if (!stopRequested.compareAndSet(false, true)) {
                out.println("Second Ctrl-C: stopping everything now.");
                out.flush();
                System.exit(130);
            }
            out.println("Ctrl-C: " + finishing + " (stop the simulator, catch up, reconcile); Ctrl-C again to abort.");
            out.flush();
        });
        return this;
    }

    boolean stopRequested() {
        return stopRequested.get();
    }

    /**
     * Starts the stack, runs {@code body} on it and then, whatever happened, leaves it running or stops it (see
     * {@link #end}).
     */
    <T> T run(PipelinePorts ports, boolean keepRunning, String hint, Function<LocalStack, T> body) {
        LocalStack stack = start(ports);
        try {
            return body.apply(stack);
        } finally {
            end(stack, keepRunning, hint);
        }
    }

    private LocalStack start(PipelinePorts ports) {
        LocalStack stack;
        try (DataDirLock lock = DataDirLock.acquire(settings.dataDir(), settings.startupTimeout().multipliedBy(4))) {
            PortOverrides.save(settings.dataDir(), settings.ports(), settings.kafkaCluster().size());
            ports.save(settings.dataDir());
            out.println("Starting the local stack in " + settings.dataDir() + " ...");
            out.flush();
            stack = LocalStack.start(settings, Service.values());
        }
        out.printf("Local stack up in %.1f s%n", (System.nanoTime() - begin) / 1e9);
        return stack;
    }

    /** Leaves the stack running (printing {@code hint}) or stops all of it, then releases this JVM's handle. */
    private void end(LocalStack stack, boolean keepRunning, String hint) {
        if (keepRunning) {
            // the run's own supervisor ended with it: the background one (as `up` starts it) keeps the stack running
            ManagedProcess daemon = stack.startSupervisorDaemon(
                    SupervisorDaemonCommand.of(settings, settings.startupTimeout().toMillis() + "ms", daemonArguments));
            stack.detach();
            out.println("Left running (--keep-running), supervised by pid " + daemon.pid() + " (restarts what dies; log "
                    + daemon.logFile() + "). " + hint);
        } else {
            out.println("Shutting everything down ...");
            out.flush();
            try (DataDirLock lock = DataDirLock.acquire(settings.dataDir(), Duration.ofMinutes(5))) {
                stack.stopAll();
            }
        }
        stack.close();
        out.flush();
    }

    long seconds() {
        return (System.nanoTime() - begin) / 1_000_000_000L;
    }
}
