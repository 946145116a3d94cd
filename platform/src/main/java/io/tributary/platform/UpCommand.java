package io.tributary.platform;

import io.tributary.stack.LocalStack;
import io.tributary.stack.ManagedProcess;
import io.tributary.stack.Service;
import io.tributary.stack.StackSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Start PostgreSQL, Kafka, S3 (S3Proxy) and the schema registry in the background.",
                "Returns once every one answers its health check. Running servers are left as they are.",
                "With PostgreSQL it also starts the scheduler, which runs the daily jobs (`tributary schedule --help`).",
                "Also starts a background `tributary supervise` that restarts a server (or pipeline service) that",
                "dies, with backoff (see `tributary supervise --help`); `down` stops it first. --no-supervise skips it.",
                "The supervisor also serves the web console on http://127.0.0.1:18080/ (--console-port; 0: none); up",
                "prints the token its actions need (kept in <data dir>/secrets/console_token, mode 600)."})
final class UpCommand implements Callable<Integer> {
    @Mixin
    StackOptions options;

    @Mixin
    StartOptions start;

    @Option(names = "--services", split = ",", paramLabel = "<service>",
            description = "Only these (postgres, kafka, s3, schema-registry); default: all.")
    List<String> services;

    @Option(names = "--no-supervise", description = "Do not start the background supervisor.")
    boolean noSupervise;

    @Mixin
    SuperviseCommand.SupervisionOptions supervision;

    @Mixin
    ConsoleOptions console;

    @Override
    public Integer call() {
        RunningStack running = options.stack(start);
        StackSettings settings = running.settings();
        List<Service> wanted = services == null ? List.of(Service.values()) : services.stream().map(Service::parse).toList();
        long start = System.nanoTime();
        try (DataDirLock lock = DataDirLock.acquire(settings.dataDir(), settings.startupTimeout().multipliedBy(4));
                LocalStack stack = startAndRemember(settings, wanted)) {
            stack.detach();
            if (wanted.contains(Service.POSTGRES)) {
                new Pipeline(stack, running.pipelinePorts()).startScheduler();
            }
            var out = options.out();
            out.printf("Tributary local stack is up in %.1f s (data dir %s)%n", (System.nanoTime() - start) / 1e9, settings.dataDir());
            out.print(StatusRendering.table(stack.status()));
            if (!noSupervise) {
                supervision.policy(); // validated before anything runs in the background
                ManagedProcess daemon = stack.startSupervisorDaemon(superviseCommand(settings));
                out.println("Supervisor: pid " + daemon.pid() + " restarts what dies (log " + daemon.logFile() + ")");
                if (console.enabled()) {
                    out.println(ConsoleOptions.announce("http://127.0.0.1:" + console.port() + "/", running)
                            + "; served by the supervisor");
                }
            } else if (console.enabled()) {
                out.println("Console: none (the supervisor serves it; --no-supervise). `./tributary supervise" + running.dataDirOption()
                        + "` serves both.");
            }
            if (wanted.contains(Service.POSTGRES)) {
                out.println("Connect: psql postgresql://" + stack.postgres().appUser() + "@127.0.0.1:" + settings.ports().postgres()
                        + "/tributary   (password: " + running.secretFile("app_password")
                        + " unless TRIBUTARY_APP_PASSWORD is set)");
            }
            String dirOption = running.dataDirOption();
            out.println("Shell variables: eval \"$(./tributary env" + dirOption + ")\"   Logs: " + settings.logsDir()
                    + "   Stop: ./tributary down" + dirOption);
            out.flush();
        }
        return 0;
    }

    /** This CLI's JVM running {@code tributary supervise} on the same data dir (ports come from the data dir). */
    private List<String> superviseCommand(StackSettings settings) {
        List<String> arguments = new ArrayList<>(supervision.asArguments());
        arguments.addAll(console.asArguments());
        return SupervisorDaemonCommand.of(settings, start.startupTimeout, arguments);
    }

    private static LocalStack startAndRemember(StackSettings settings, List<Service> wanted) {
        PortOverrides.save(settings.dataDir(), settings.ports(), settings.kafkaCluster().size());
        return LocalStack.start(settings, wanted.toArray(Service[]::new));
    }
}
