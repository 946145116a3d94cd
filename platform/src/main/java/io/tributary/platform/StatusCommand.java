package io.tributary.platform;

import io.tributary.stack.LocalStack;
import io.tributary.stack.ManagedProcess;
import io.tributary.stack.ServiceStatus;
import io.tributary.stack.StackSettings;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show every service of the stack: its state, restarts, pid, endpoint and data size.",
                "For the pipeline services (cdc-engine, lakehouse-job, simulator) also their /metrics endpoint and what",
                "it reports.",
                "--json adds per service lastExitCode, lastRestartAt, paused and failure (the supervisor gave up).",
                "Lists the tables cdc-engine or the lakehouse job parked, with the reason and the commands that resume them,",
                "and the captured tables that cannot reach the lake intact (not readable by the CDC role, REPLICA",
                "IDENTITY NOTHING, no primary key), with the statement that fixes each.",
                "With a Kafka cluster (up --kafka-brokers 3): each broker (node id, address, pid, up or down) and the",
                "partition leaders of the pipeline's topics (topic, partition, leader, ISR, replicas); --json: under kafka.",
                "Exit code 0 when every server is healthy (and every pipeline process alive) and no table is parked,",
                "3 when a service is not healthy, 4 when all are but a table is parked."})
final class StatusCommand implements Callable<Integer> {
    static final int NOT_ALL_HEALTHY = 3;
    static final int TABLES_PARKED = 4;

    @Mixin
    StackOptions options;

    @Option(names = "--json", description = "Machine-readable output (with the pid of every process).")
    boolean json;

    @Override
    public Integer call() {
        RunningStack running = options.stack();
        StackSettings settings = running.settings();
        LocalStack stack = running.attach();
        PipelineStatus pipeline = PipelineStatus.read(stack.status(), running.pipelinePorts(), new MetricsScraper()::scrape);
        List<ServiceStatus> statuses = pipeline.services();
        Long supervisorPid = stack.supervisorDaemon().map(ManagedProcess::pid).orElse(null);
        KafkaClusterStatus kafka = KafkaClusterStatusReader.read(settings.kafkaCluster(), statuses).orElse(null);
        var out = options.out();
        out.print(json ? StatusRendering.json(settings.dataDir(), statuses, supervisorPid, pipeline.parked(),
                pipeline.problems(), kafka)
                : StatusRendering.table(statuses));
        if (!json) {
            if (kafka != null) {
                out.print(kafka.text());
            }
            out.println(supervisorPid == null ? "supervisor: none (tributary up starts one; demo and chaos supervise themselves)"
                    : "supervisor: pid " + supervisorPid + " restarts what dies (log " + settings.logFile(LocalStack.SUPERVISOR) + ")");
            statuses.stream().filter(s -> s.supervision().failure() != null)
                    .forEach(s -> out.println(s.name() + " FAILED: " + s.supervision().failure()));
            PipelinePorts ports = running.pipelinePorts();
            statuses.stream().filter(s -> s.pid() != null && ports.portOf(s.name()) > 0)
                    .forEach(s -> out.println(s.name() + ": " + s.detail()));
            pipeline.parked().forEach(p -> out.println(p.statusLine()));
            pipeline.problems().forEach(p -> out.println(p.statusLine()));
        }
        out.flush();
        return pipeline.exitCode();
    }

    /** What {@code status --json} prints for {@code running} (the console serves the same). */
    static String json(RunningStack running) {
        LocalStack stack = running.attach();
        PipelineStatus pipeline = PipelineStatus.read(stack.status(), running.pipelinePorts(), new MetricsScraper()::scrape);
        Long supervisorPid = stack.supervisorDaemon().map(ManagedProcess::pid).orElse(null);
        return StatusRendering.json(running.dataDir(), pipeline.services(), supervisorPid, pipeline.parked(),
                pipeline.problems(), KafkaClusterStatusReader.read(running.settings().kafkaCluster(), pipeline.services()).orElse(null));
    }
}
