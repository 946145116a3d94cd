package io.tributary.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OS process of the stack: a server or a pipeline service. It may have been started by this JVM or adopted from a
 * pid file written by another invocation of the CLI (then {@link #exitCode()} is unknown).
 */
public final class ManagedProcess {
    private static final Logger LOG = LoggerFactory.getLogger(ManagedProcess.class);
    private static final Duration DESCENDANT_GRACE = Duration.ofSeconds(15);

    private final String name;
    private final ProcessHandle handle;
    private final Process process;
    private final Path logFile;
    private final StopSignal stopSignal;
    private final Instant startedAt;
    private volatile boolean stopRequested;

    ManagedProcess(String name, ProcessHandle handle, Process process, Path logFile, StopSignal stopSignal) {
        this.name = name;
        this.handle = handle;
        this.process = process;
        this.logFile = logFile;
        this.stopSignal = stopSignal;
        this.startedAt = handle.info().startInstant().orElse(Instant.now());
    }

    /** Starts {@code spec} (in its own session when {@code detach}, so it outlives this JVM). */
    public static ManagedProcess start(ProcessSpec spec, boolean detach) {
        try {
            Files.createDirectories(spec.logFile().getParent());
            Files.writeString(spec.logFile(), "==== " + Instant.now() + " starting " + spec.name() + ": "
                    + abbreviated(spec.command()) + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            List<String> command = detach ? SessionLeader.wrap(spec.command()) : spec.command();
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(spec.workingDir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(spec.environment());
            Process process = builder.start();
            LOG.info("Started {} (pid {}), log {}", spec.name(), process.pid(), spec.logFile());
            return new ManagedProcess(spec.name(), process.toHandle(), process, spec.logFile(), spec.stopSignal());
        } catch (IOException e) {
            throw new StackException("Cannot start " + spec.name() + " (" + spec.command().get(0) + "): " + e.getMessage(), e);
        }
    }

    /** The command with a long classpath shortened, for the log header. */
    static String abbreviated(List<String> command) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < command.size(); i++) {
            String arg = command.get(i);
            boolean classpath = i > 0 && ("-cp".equals(command.get(i - 1)) || "-classpath".equals(command.get(i - 1)));
            if (classpath && arg.length() > 200) {
                arg = "<" + arg.split(File.pathSeparator).length + " classpath entries>";
            }
            sb.append(i == 0 ? "" : " ").append(arg);
        }
        return sb.toString();
    }

    /** Re-attaches to a process recorded earlier, if it is still the same process (pid and start time match). */
    static Optional<ManagedProcess> adopt(String name, long pid, Instant startedAt, Path logFile, StopSignal stopSignal) {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().startInstant().map(s -> sameInstant(s, startedAt)).orElse(false))
                .map(h -> new ManagedProcess(name, h, null, logFile, stopSignal));
    }

    /** Re-attaches to the process a run record names, if it is still that process. */
    static Optional<ManagedProcess> adopt(RunRecord record) {
        return adopt(record.name(), record.pid(), Instant.parse(record.startedAt()), Path.of(record.logFile()),
                StopSignal.valueOf(record.stopSignal()));
    }

    private static boolean sameInstant(Instant a, Instant b) {
        return Math.abs(Duration.between(a, b).toMillis()) < 1000;
    }

    public String name() {
        return name;
    }

    public long pid() {
        return handle.pid();
    }

    public Instant startedAt() {
        return startedAt;
    }

    public boolean isAlive() {
        return handle.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** Whether {@link #stop} was called: a deliberate stop, which a supervisor does not undo. */
    public boolean stopRequested() {
        return stopRequested;
    }

    StopSignal stopSignal() {
        return stopSignal;
    }

    /** The exit code, once the process has exited, if it was started by this JVM. */
    public OptionalInt exitCode() {
        if (process == null || process.isAlive()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(process.exitValue());
    }

    /** Waits up to {@code timeout} for the process to exit; true if it did. */
    public boolean waitFor(Duration timeout) {
        CompletableFuture<ProcessHandle> exit = handle.onExit();
        try {
            exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        } catch (ExecutionException e) {
            throw new StackException("Waiting for " + name + " (pid " + pid() + ") failed", e.getCause());
        }
    }

    /**
     * Crash injection: SIGKILL, then wait until the process and every child it had (e.g. PostgreSQL backends) are gone,
     * so the server can be restarted on the same data directory.
     */
    public void kill() {
        List<ProcessHandle> children = handle.descendants().toList();
        LOG.info("Killing {} (pid {}) with SIGKILL", name, pid());
        handle.destroyForcibly();
        if (!waitFor(Duration.ofSeconds(10))) {
            throw new StackException(name + " (pid " + pid() + ") did not die within 10 s of SIGKILL");
        }
        awaitGone(children);
    }

    /** Clean stop: the stop signal, up to {@code grace} to exit, then SIGKILL. */
    public void stop(Duration grace) {
        stopRequested = true;
        if (!isAlive()) {
            return;
        }
        List<ProcessHandle> children = handle.descendants().toList();
        LOG.info("Stopping {} (pid {}) with SIG{}", name, pid(), stopSignal);
        signal(stopSignal);
        if (!waitFor(grace)) {
            LOG.warn("{} (pid {}) did not stop within {}; sending SIGKILL", name, pid(), grace);
            handle.destroyForcibly();
            waitFor(Duration.ofSeconds(10));
        }
        awaitGone(children);
    }

    private void signal(StopSignal signal) {
        if (signal == StopSignal.TERM) {
            handle.destroy();
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal.name(), Long.toString(pid()))
                    .redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                LOG.warn("kill -{} {} failed; falling back to SIGTERM", signal, pid());
                handle.destroy();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run kill -" + signal + " " + pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle.destroy();
        }
    }

    private void awaitGone(List<ProcessHandle> children) {
        long deadline = System.nanoTime() + DESCENDANT_GRACE.toNanos();
        for (ProcessHandle child : children) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    child.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (TimeoutException e) {
                LOG.warn("Child pid {} of {} still alive {} after its parent died; sending SIGKILL", child.pid(), name,
                        DESCENDANT_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                LOG.debug("Waiting for child pid {} failed", child.pid(), e);
            }
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
    }

    @Override
    public String toString() {
        return name + "(pid " + pid() + (isAlive() ? ", alive)" : ", exited)");
    }
}
