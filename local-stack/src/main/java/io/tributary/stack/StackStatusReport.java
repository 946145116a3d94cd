package io.tributary.stack;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code tributary status} of one stack: per server its state (probing each running one once), endpoint, pid and data
 * size, then per launched stage whether its process is alive. Run records written by another process (a restart by a
 * supervisor elsewhere) win over what this handle knows.
 */
final class StackStatusReport {
    private final StackSettings settings;
    private final Map<Service, List<ServerDefinition>> servers;
    private final RunStateStore runState;
    private final ProcessTable table;
    private final Function<RunRecord, Optional<ManagedProcess>> processOf;

    StackStatusReport(StackSettings settings, Map<Service, List<ServerDefinition>> servers, RunStateStore runState,
            ProcessTable table, Function<RunRecord, Optional<ManagedProcess>> processOf) {
        this.settings = settings;
        this.servers = servers;
        this.runState = runState;
        this.table = table;
        this.processOf = processOf;
    }

    List<ServiceStatus> statuses() {
        List<ServiceStatus> result = new ArrayList<>();
        for (Service service : Service.values()) {
            servers.get(service).forEach(server -> result.add(serverStatus(server)));
        }
        Map<String, ManagedProcess> processes = table.processes(name -> Service.named(name).isEmpty());
        Set<String> names = new LinkedHashSet<>(processes.keySet());
        for (RunRecord r : runState.readAll()) {
            if (Service.named(r.name()).isEmpty()) {
                names.add(r.name());
                // a restart by a supervisor in another process: the record names the current process
                processOf.apply(r).filter(ManagedProcess::isAlive).ifPresent(p -> processes.put(r.name(), p));
            }
        }
        names.forEach(name -> result.add(stageStatus(name, processes.get(name))));
        return result;
    }

    private ServiceStatus serverStatus(ServerDefinition server) {
        String name = server.name();
        long size = server.dataDir() == null ? -1 : DiskUsage.of(server.dataDir());
        Optional<RunRecord> record = runState.read(name);
        Supervision sup = record.map(RunRecord::supervision).orElse(Supervision.NONE);
        ManagedProcess process = record.flatMap(processOf).filter(ManagedProcess::isAlive).orElse(table.process(name));
        if (process != null && process.isAlive()) {
            Probe probe = server.probe();
            return new ServiceStatus(name, probe.healthy() ? ServiceStatus.State.HEALTHY : ServiceStatus.State.UNHEALTHY,
                    server.endpoint(), process.pid(), size, probe.detail(), sup);
        } else if (record.isPresent() && sup.failure() != null) {
            return new ServiceStatus(name, ServiceStatus.State.FAILED, server.endpoint(), null, size, sup.failure(), sup);
        } else if (record.isPresent()) {
            return new ServiceStatus(name, ServiceStatus.State.DEAD, server.endpoint(), null, size,
                    "pid file " + settings.runDir().resolve(name + ".json") + " names a process that is gone", sup);
        }
        return new ServiceStatus(name, ServiceStatus.State.STOPPED, server.endpoint(), null, size, "not running");
    }

    private ServiceStatus stageStatus(String name, ManagedProcess process) {
        Optional<RunRecord> record = runState.read(name);
        Supervision sup = record.map(RunRecord::supervision).orElse(table.get(name).supervision());
        boolean alive = process != null && process.isAlive();
        ServiceStatus.State state = alive ? ServiceStatus.State.RUNNING
                : sup.failure() != null ? ServiceStatus.State.FAILED : ServiceStatus.State.DEAD;
        return new ServiceStatus(name, state, "", alive ? process.pid() : null, -1,
                alive ? "process alive" : sup.failure() != null ? sup.failure() : "exited", sup);
    }
}
