package io.tributary.stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How a {@link LocalStack} stops: launched processes first (the last launched first), then servers, dependents
 * before what they depend on. The caller stops a server ({@code stopServer}) and holds its own lock around a sequence.
 */
final class StopSequence {
    private final ProcessTable table;
    private final RunStateStore runState;
    private final StartOrder<Service> order;
    private final Duration stopTimeout;

    StopSequence(ProcessTable table, RunStateStore runState, StartOrder<Service> order, Duration stopTimeout) {
        this.table = table;
        this.runState = runState;
        this.order = order;
        this.stopTimeout = stopTimeout;
    }

    /** Whether {@code name} is a launched process rather than a server of {@link Service}. */
    static boolean isStage(String name) {
        return Service.named(name).isEmpty();
    }

    /**
     * Stops everything the run records name, owned or not: processes a supervisor restarted since the table was read
     * are attached first; pid files of processes that died on their own are deleted at the end.
     */
    void stopEverything(Consumer<Service> stopServer) {
        for (RunRecord r : runState.readAll()) {
            table.processOf(r).filter(ManagedProcess::isAlive).ifPresent(p -> table.attach(r.name(), p));
        }
        for (ManagedProcess p : stagesLastFirst()) {
            p.stop(stopTimeout);
            runState.delete(p.name());
            table.detach(p.name());
        }
        for (Service s : order.toStop(List.of(Service.values()))) {
            stopServer.accept(s);
        }
        runState.readAll().forEach(r -> runState.delete(r.name()));
    }

    /** Stops what this handle started; every stop is tried, the first failure thrown with the others suppressed on it. */
    void stopOwned(Consumer<Service> stopServer) {
        StopFailures failures = new StopFailures();
        for (ManagedProcess p : stagesLastFirst()) {
            failures.attempt(() -> {
                p.stop(stopTimeout);
                runState.delete(p.name());
            });
        }
        List<Service> owned = table.owned().stream().map(Service::named).flatMap(Optional::stream).toList();
        for (Service s : order.toStop(owned)) {
            failures.attempt(() -> stopServer.accept(s));
        }
        failures.throwIfAny();
    }

    private List<ManagedProcess> stagesLastFirst() {
        List<ManagedProcess> stages = new ArrayList<>(table.processes(StopSequence::isStage).values());
        Collections.reverse(stages);
        return stages;
    }
}
