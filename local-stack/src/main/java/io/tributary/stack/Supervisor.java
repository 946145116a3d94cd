package io.tributary.stack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every process of a data dir running, as compose's {@code restart: unless-stopped} would: it watches the run
 * records ({@code <data-dir>/run/*.json}, written by any invocation) and restarts a process that is gone, per its
 * {@link RestartPolicy}. A paused record (a deliberate stop: {@link LocalStack#stop}, {@link LocalStack#pause}), a
 * process stopped through its {@link ManagedProcess#stop} and a one-shot that exited 0 are left alone; a process
 * restarted too often, or caught in a crash loop (the same quick failure again and again, see {@link RestartPolicy}), is
 * marked failed with the reason. Restarts are counted in the records, so {@code tributary status} shows them.
 *
 * <p>One supervisor per data dir: it holds {@code <data-dir>/supervisor.lock}; a second one (e.g. {@code demo} while an
 * {@code up} daemon supervises) stays inactive and leaves the work to the first.
 */
public final class Supervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    static final Duration POLL = Duration.ofMillis(500);

    private final LocalStack stack;
    private final RestartPolicy policy;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Map<String, Track> tracks = new HashMap<>();
    private final Map<String, Integer> restarts = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    /** Per process name: the pending restart and the history the policy needs. */
    private static final class Track {
        long decidedForPid = -1;
        Instant dueAt;
        OptionalInt exitCode = OptionalInt.empty();
        int consecutiveFailures;
        RestartPolicy.CrashStreak crashStreak = RestartPolicy.CrashStreak.NONE;
        final List<Instant> restartTimes = new ArrayList<>();
    }

    private Supervisor(LocalStack stack, RestartPolicy policy, FileChannel lockChannel, FileLock lock) {
        this.stack = stack;
        this.policy = policy;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.thread = new Thread(this::loop, "supervisor");
        this.thread.setDaemon(true);
    }

    /**
     * Starts supervising the stack's data dir in a background thread, or returns an inactive supervisor if another
     * one (this or another process) already supervises it.
     */
    public static Supervisor start(LocalStack stack, RestartPolicy policy) {
        Path lockFile = stack.settings().dataDir().resolve("supervisor.lock");
        FileChannel channel = null;
        FileLock lock = null;
        try {
            Files.createDirectories(lockFile.getParent());
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            throw new StackException("Cannot open the supervisor lock " + lockFile + ": " + e.getMessage(), e);
        }
        Supervisor supervisor = new Supervisor(stack, policy, channel, lock);
        if (lock == null) {
            LOG.info("Another supervisor holds {}; this one stays inactive", lockFile);
            closeQuietly(channel);
            return supervisor;
        }
        LOG.info("Supervising {} (backoff {} doubling to {}, at most {} restarts per {}, a crash loop is {} quick failures"
                + " in a row ended the same way)", stack.settings().dataDir(), policy.initialBackoff(), policy.maxBackoff(),
                policy.maxRestarts(), policy.window(), policy.crashLoopLimit() == 0 ? "off:" : policy.crashLoopLimit());
        supervisor.thread.start();
        return supervisor;
    }

    /** Whether this supervisor does the work (false when another one holds the data dir's lock). */
    public boolean active() {
        return lock != null;
    }

    /** Restarts this supervisor performed (counted when started, like the run records), by process name. */
    public Map<String, Integer> restarts() {
        return Map.copyOf(restarts);
    }

    /** Blocks until {@link #close()} (the {@code supervise} daemon). */
    public void awaitClose() throws InterruptedException {
        thread.join();
    }

    private void loop() {
        while (!closed) {
            try {
                tick(Instant.now());
            } catch (RuntimeException e) {
                // never let one bad record stop supervision of the others; logged with its stack trace
                LOG.error("Supervisor check failed; retrying in {}", POLL, e);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One pass over the run records: decide about processes that are gone, restart those that are due. */
    void tick(Instant now) {
        Set<String> seen = new HashSet<>();
        for (RunRecord record : stack.runRecords()) {
            if (closed) {
                return;
            }
            String name = record.name();
            seen.add(name);
            Track track = tracks.computeIfAbsent(name, n -> new Track());
            if (record.paused() || record.failure() != null) {
                track.dueAt = null;
                continue;
            }
            var process = stack.processOf(record);
            if (process.isPresent() && process.get().isAlive()) {
                track.dueAt = null;
                continue;
            }
            if (process.isPresent() && process.get().stopRequested()) {
                continue; // stopped on purpose by this JVM; its record is about to be removed
            }
            if (track.decidedForPid != record.pid()) {
                // re-read: a deliberate stop may have paused (or removed) it since the records were listed
                var current = stack.runRecord(name);
                if (current.isEmpty() || current.get().paused() || current.get().pid() != record.pid()) {
                    continue;
                }
                decide(record, track, process.flatMap(p -> p.exitCode().isPresent()
                        ? java.util.Optional.of(p.exitCode()) : java.util.Optional.empty()).orElse(OptionalInt.empty()), now);
            } else if (track.dueAt != null && !now.isBefore(track.dueAt)) {
                restart(record, track, now);
            }
        }
        tracks.keySet().retainAll(seen);
    }

    private void decide(RunRecord record, Track track, OptionalInt exitCode, Instant now) {
        String signature = FailureSignature.of(exitCode, logTail(record)).orElse(null);
        RestartPolicy.Decision d = policy.decide(Instant.parse(record.startedAt()), now, exitCode, record.oneShot(),
                track.consecutiveFailures, track.restartTimes, track.crashStreak, signature);
        track.decidedForPid = record.pid();
        track.exitCode = exitCode;
        track.consecutiveFailures = d.consecutiveFailures();
        track.crashStreak = d.crashStreak();
        String code = exitCode.isPresent() ? "with code " + exitCode.getAsInt() : "(exit code unknown)";
        switch (d.action()) {
            case DONE -> {
                track.dueAt = null;
                LOG.info("{} (pid {}) exited {}: {}", record.name(), record.pid(), code, d.reason());
            }
            case GIVE_UP -> {
                track.dueAt = null;
                LOG.error("{} (pid {}) exited {}; {}. See {}", record.name(), record.pid(), code, d.reason(), record.logFile());
                stack.markFailed(record.name(), record.name() + " " + d.reason() + "; last exit " + code + "; see " + record.logFile());
            }
            case RESTART -> {
                track.dueAt = now.plus(d.delay());
                LOG.warn("{} (pid {}) exited unexpectedly {}; {}", record.name(), record.pid(), code, d.reason());
            }
        }
    }

    private static List<String> logTail(RunRecord record) {
        try {
            return LogTail.lines(Path.of(record.logFile()), 400);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Cannot read the log of {} for its failure signature: {}", record.name(), e.getMessage());
            return List.of();
        }
    }

    private void restart(RunRecord record, Track track, Instant now) {
        track.restartTimes.add(now);
        track.dueAt = null;
        // counted before the start, as the run record counts it (a reader may see the new process before this returns)
        restarts.merge(record.name(), 1, Integer::sum);
        try {
            ManagedProcess started = stack.restart(record, track.exitCode);
            LOG.info("Restarted {} (pid {} -> {})", record.name(), record.pid(), started.pid());
        } catch (RuntimeException e) {
            // counts as another failure: decide again as if it had just exited
            LOG.warn("Restarting {} failed: {}", record.name(), e.getMessage());
            RestartPolicy.Decision d = policy.decide(now, now, OptionalInt.empty(), false, track.consecutiveFailures,
                    track.restartTimes);
            track.consecutiveFailures = d.consecutiveFailures();
            if (d.action() == RestartPolicy.Action.GIVE_UP) {
                stack.markFailed(record.name(), record.name() + " " + d.reason() + "; last restart failed: " + e.getMessage());
            } else {
                track.dueAt = now.plus(d.delay());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        if (lock == null) {
            return;
        }
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(150).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            lock.release();
        } catch (IOException e) {
            LOG.debug("Releasing the supervisor lock failed", e);
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("Closing the supervisor lock failed", e);
            }
        }
    }
}
