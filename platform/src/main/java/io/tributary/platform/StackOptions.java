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
 * What every stack command shares (a picocli mixin): the options that say where the data lives and which ports to
 * use, the {@link RunningStack} they find, and the command's output streams.
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

    @Option(names = "--kafka-controller-port", paramLabel = "<port>", description = "KRaft controller port (default 19093).")
    Integer kafkaControllerPort;

    @Option(names = "--registry-port", paramLabel = "<port>", description = "Schema registry port (default 18081).")
    Integer registryPort;

    @Option(names = "--s3-port", paramLabel = "<port>", description = "S3 (S3Proxy) port (default 19000).")
    Integer s3Port;

    @Option(names = "--startup-timeout", paramLabel = "<duration>", defaultValue = "120s",
            description = "How long each server may take to become healthy, e.g. 90s or 2m (default ${DEFAULT-VALUE}).")
    String startupTimeout;

    Path projectRoot() {
        return ProjectRoot.find().orElseThrow(() -> new StackException(
                "Cannot find the Tributary project root; run ./tributary from the repository, or set TRIBUTARY_HOME"));
    }

    Path resolvedDataDir() {
        return (dataDir != null ? dataDir : projectRoot().resolve(".tributary")).toAbsolutePath().normalize();
    }

    PortOverrides overrides() {
        return new PortOverrides(postgresPort, kafkaPort, kafkaControllerPort, registryPort, s3Port);
    }

    StackPorts ports() {
        return overrides().resolve(PortOverrides.load(resolvedDataDir()));
    }

    /** The stack these options name. */
    RunningStack stack() {
        return new RunningStack(settings(), dataDir != null);
    }

    PrintWriter out() {
        return command.commandLine().getOut();
    }

    PrintWriter err() {
        return command.commandLine().getErr();
    }

    StackSettings settings() {
        Duration timeout = DurationText.parse(startupTimeout, "--startup-timeout");
        return StackSettings.builder(resolvedDataDir())
                .projectRoot(projectRoot())
                .ports(ports())
                .startupTimeout(timeout)
                .detachChildren(true)
                .build();
    }
}
