package io.tributary.platform;

import io.tributary.stack.LocalStack;
import io.tributary.stack.ManagedProcess;
import io.tributary.stack.ServiceStatus;
import io.tributary.stack.StackSettings;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Per service: state, restarts by the supervisor, pid, endpoint and data size; for the pipeline",
                "services (cdc-engine, lakehouse-job, simulator) their /metrics endpoint and what it reports.",
                "--json adds per service lastExitCode, lastRestartAt, paused and failure (the supervisor gave up).",
                "Exit code 0 when every server is healthy (and every pipeline process alive), 3 otherwise."})
final class StatusCommand implements Callable<Integer> {
    static final int NOT_ALL_HEALTHY = 3;

    @Mixin
    StackOptions options;

    @Option(names = "--json", description = "Machine-readable output (with the pid of every process).")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        StackSettings settings = options.settings();
        MetricsScraper scraper = new MetricsScraper();
        LocalStack stack = LocalStack.attach(settings);
        List<ServiceStatus> statuses = PipelineStatus.enrich(stack.status(), PipelinePorts.load(settings.dataDir()), scraper::scrape);
        Long supervisorPid = stack.supervisorDaemon().map(ManagedProcess::pid).orElse(null);
        var out = spec.commandLine().getOut();
        out.print(json ? StatusRendering.json(settings.dataDir(), statuses, supervisorPid) : StatusRendering.table(statuses));
        if (!json) {
            out.println(supervisorPid == null ? "supervisor: none (tributary up starts one; demo and chaos supervise themselves)"
                    : "supervisor: pid " + supervisorPid + " restarts what dies (log " + settings.logFile(LocalStack.SUPERVISOR) + ")");
            statuses.stream().filter(s -> s.supervision().failure() != null)
                    .forEach(s -> out.println(s.name() + " FAILED: " + s.supervision().failure()));
            PipelinePorts ports = PipelinePorts.load(settings.dataDir());
            statuses.stream().filter(s -> s.pid() != null && ports.portOf(s.name()) > 0)
                    .forEach(s -> out.println(s.name() + ": " + s.detail()));
        }
        out.flush();
        return statuses.stream().allMatch(ServiceStatus::ok) ? 0 : NOT_ALL_HEALTHY;
    }
}
