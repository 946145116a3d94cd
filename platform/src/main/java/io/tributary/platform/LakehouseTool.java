package io.tributary.platform;

import io.tributary.contracts.stage.StageEnvironment;
import io.tributary.contracts.stage.StageMain;
import io.tributary.stack.JdbcDriverJar;
import io.tributary.stack.LocalStack;
import io.tributary.stack.ModuleLaunch;
import io.tributary.stack.SparkJvmOptions;
import io.tributary.stack.StackException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs a lakehouse-job entry point (reconcile, sql) as a short-lived child process where Spark is: lakehouse-job's
 * own classpath (Spark, Delta, kafka-clients 3.9) plus the PostgreSQL JDBC driver, the stack's environment, its own
 * Spark scratch dir. Its stdout is the command's result; its log (stderr) goes to {@code <data-dir>/logs/<name>.log}.
 */
final class LakehouseTool {
    static final String RECONCILE_MAIN = StageMain.RECONCILE.className();
    static final String JOB_MAIN = StageMain.LAKEHOUSE_JOB.className();

    private final LocalStack stack;

    LakehouseTool(LocalStack stack) {
        this.stack = stack;
    }

    /**
     * @param abortedBecause why the run was cut short ({@code abortWhen} said so), null when it ran to its end
     * @param logStart       the size of {@code log} before the run: what the run wrote starts there
     */
    record Result(int exitCode, String stdout, Path log, String abortedBecause, long logStart) {

        /** The first error this run logged (Spark's error class, message and position), empty when it logged none. */
        Optional<ToolLogError> error(String query) {
            try (var file = Files.newByteChannel(log)) {
                file.position(Math.min(logStart, file.size()));
                String written = new String(Channels.newInputStream(file).readAllBytes(), StandardCharsets.UTF_8);
                return ToolLogError.find(written, query);
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        /**
         * What to print when the run failed: the error's lines (first line {@code command: <the problem>}), or, when
         * it logged none, the exit code and where the log is.
         */
        List<String> failureLines(String command, String query) {
            return error(query).map(e -> e.lines(command, log)).orElse(List.of(command + ": failed with exit code "
                    + exitCode + " and logged no error; the end of " + log + " (tributary logs " + log.getFileName().toString()
                    .replaceFirst("\\.log$", "") + ") says more"));
        }
    }

    private static final Duration ABORT_POLL = Duration.ofSeconds(1);
    private static final Duration ABORT_GRACE = Duration.ofSeconds(10);

    /** Runs to completion, copying stdout to {@code out} as it comes (may be null) and returning it too. */
    Result run(String name, String mainClass, List<String> args, OutputStream out) {
        return run(name, mainClass, args, out, Optional::empty);
    }

    /**
     * As {@link #run(String, String, List, OutputStream)}, but stops the tool (SIGTERM, SIGKILL after 10 s) as soon as
     * {@code abortWhen}, asked every second, gives a reason: e.g. the supervisor gave up on the stage it waits for.
     */
    Result run(String name, String mainClass, List<String> args, OutputStream out, Supplier<Optional<String>> abortWhen) {
        Path root = stack.settings().projectRoot();
        Path dataDir = stack.settings().dataDir();
        String classpath = ModuleLaunch.of(StageMain.LAKEHOUSE_JOB.module(), mainClass, List.of(), Map.of(), List.of()).classpath(root)
                + File.pathSeparator + JdbcDriverJar.path();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xmx1g", "-Duser.timezone=UTC", "-Djava.io.tmpdir=" + stack.settings().tmpDir()));
        command.addAll(SparkJvmOptions.get());
        command.addAll(List.of("-cp", classpath, mainClass));
        command.addAll(args);
        Map<String, String> env = new HashMap<>(stack.serviceEnvironment());
        env.put(StageEnvironment.Lakehouse.DATA_DIR, dataDir.resolve(name).toString());
        env.put(StageEnvironment.Lakehouse.METRICS_PORT, "-1");
        Path log = stack.settings().logFile(name);
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(stack.settings().tmpDir());
            long logStart = Files.exists(log) ? Files.size(log) : 0;
            ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(env);
            Process process = builder.start();
            AtomicReference<String> aborted = new AtomicReference<>();
            Thread watcher = new Thread(() -> watch(process, abortWhen, aborted), name + "-abort-watch");
            watcher.setDaemon(true);
            watcher.start();
            StringBuilder captured = new StringBuilder();
            try (InputStream in = process.getInputStream()) {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    captured.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    if (out != null) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            watcher.interrupt();
            return new Result(process.exitValue(), captured.toString(), log, aborted.get(), logStart);
        } catch (IOException e) {
            throw new StackException("Cannot run " + name + " (" + mainClass + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while running " + name, e);
        }
    }

    /** Until {@code process} ends: asks {@code abortWhen} every second and stops the process when it gives a reason. */
    static void watch(Process process, Supplier<Optional<String>> abortWhen, AtomicReference<String> aborted) {
        try {
            while (!process.waitFor(ABORT_POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                Optional<String> reason = abortWhen.get();
                if (reason.isPresent()) {
                    aborted.set(reason.get());
                    process.destroy();
                    if (!process.waitFor(ABORT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                        process.destroyForcibly();
                    }
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
