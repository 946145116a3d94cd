package io.tributary.platform;

import io.tributary.stack.ProjectRoot;
import io.tributary.stack.StackException;
import io.tributary.stack.StackPorts;
import io.tributary.stack.StackSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every stack command shares (a picocli mixin): the options that say where the data lives and which ports the
 * clients use, the {@link RunningStack} they find, and the command's output streams. A command that starts servers
 * adds {@link StartOptions}.
 */
final class StackOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--data-dir", paramLabel = "<dir>",
            description = "Data, logs, pid files and generated secrets (default: <project root>/.tributary).")
    Path dataDir;

    @Option(names = "--postgres-port", paramLabel = "<port>", description = "PostgreSQL port (default 15432).")
    Integer postgresPort;

    @Option(names = "--kafka-port", paramLabel = "<port>", description = "Kafka broker port (default 19092).")
    Integer kafkaPort;

    @Option(names = "--registry-port", paramLabel = "<port>", description = "Schema registry port (default 18081).")
    Integer registryPort;

    @Option(names = "--s3-port", paramLabel = "<port>", description = "S3 (S3Proxy) port (default 19000).")
    Integer s3Port;

    @Option(names = "--scheduler-port", paramLabel = "<port>",
            description = "The scheduler's /metrics and /health (default 18085).")
    Integer schedulerPort;

    Path projectRoot() {
        return ProjectRoot.find().orElseThrow(() -> new StackException(
                "Cannot find the Tributary project root; run ./tributary from the repository, or set TRIBUTARY_HOME"));
    }

    Path resolvedDataDir() {
        return (dataDir != null ? dataDir : projectRoot().resolve(".tributary")).toAbsolutePath().normalize();
    }

    PortOverrides overrides(StartOptions start) {
        return new PortOverrides(postgresPort, kafkaPort, start.kafkaControllerPort, registryPort, s3Port, schedulerPort);
    }

    StackPorts ports(StartOptions start) {
        return overrides(start).resolve(PortOverrides.load(resolvedDataDir()));
    }

    /** The stack these options name. */
    RunningStack stack() {
        return stack(StartOptions.defaults());
    }

    /** The stack these options name, for a command that starts servers with {@code start}. */
    RunningStack stack(StartOptions start) {
        return new RunningStack(settings(start), dataDir != null);
    }

    PrintWriter out() {
        return command.commandLine().getOut();
    }

    PrintWriter err() {
        return command.commandLine().getErr();
    }

    StackSettings settings(StartOptions start) {
        Duration timeout = start.timeout();
        return StackSettings.builder(resolvedDataDir())
                .projectRoot(projectRoot())
                .ports(ports(start))
                .kafkaBrokers(start.kafkaBrokers != null ? start.kafkaBrokers : PortOverrides.loadKafkaBrokers(resolvedDataDir()))
                .startupTimeout(timeout)
                .detachChildren(true)
                .build();
    }
}
