package io.tributary.stack;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The local stack: real servers (PostgreSQL, Kafka, S3Proxy, schema registry) and pipeline services, each its own OS
 * process, with pid files under {@code <data-dir>/run} so another invocation can see and stop them.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.start(StackSettings.forTests(dir), Service.POSTGRES, Service.KAFKA)) {
 *     String jdbc = stack.postgres().jdbcUrl();
 *     stack.kill(Service.KAFKA);   // SIGKILL
 *     stack.start(Service.KAFKA);  // same data
 * }
 * }</pre>
 *
 * {@link #close()} stops what this handle started (pipeline processes first), unless {@link #detach()} was called.
 *
 * <p>Each server is a {@link ServerDefinition} registered by its {@link Service} constant; this class only orders them
 * ({@link StartOrder}) and keeps what runs in one {@link ProcessTable}. Lifecycle operations (start, stop, kill,
 * restart, close) are serialised on this handle.
 */
public final class LocalStack implements AutoCloseable {
    /** Name of the supervisor daemon's record and log. */
    public static final String SUPERVISOR = "supervisor";

    private final StackSettings settings;
    /** Read (or generated) on first use, so {@code status} of an empty data dir writes nothing. */
    private final Supplier<StackSecrets> secrets;
    /** Per service its processes: one, or one per node of the Kafka cluster. */
    private final Map<Service, List<ServerDefinition>> servers = new EnumMap<>(Service.class);
    private final StartOrder<Service> order = new StartOrder<>(List.of(Service.values()), Service::dependencies);
    private final ProcessTable table = new ProcessTable();
    private final RunStateStore runState;
    private final ProcessRunner runner;
    private final SupervisorDaemon supervisorDaemon;
    private final StopSequence stopSequence;
    private final JvmExitGuard exitGuard = new JvmExitGuard(this);
    private volatile boolean detached;
    private volatile boolean closed;

    private LocalStack(StackSettings settings) {
        this(settings, (ServerNodes) (service, secrets) -> service.defineNodes(settings, secrets));
    }

    /** A stack whose servers are {@code define}d otherwise (tests); {@link Service} still names and orders them. */
    LocalStack(StackSettings settings, BiFunction<Service, Supplier<StackSecrets>, ServerDefinition> define) {
        this(settings, (ServerNodes) (service, secrets) -> List.of(define.apply(service, secrets)));
    }

    /** How a stack defines the processes of each service. */
    @FunctionalInterface
    private interface ServerNodes {
        List<ServerDefinition> define(Service service, Supplier<StackSecrets> secrets);
    }

    private LocalStack(StackSettings settings, ServerNodes define) {
        this.settings = settings;
        this.secrets = new LazySecrets(new SecretStore(settings.secretsDir(), settings.environment()));
        this.runState = new RunStateStore(settings.runDir());
        this.runner = new ProcessRunner(settings, table, runState);
        this.supervisorDaemon = new SupervisorDaemon(settings);
        this.stopSequence = new StopSequence(table, runState, order, settings.stopTimeout());
        for (Service service : Service.values()) {
            servers.put(service, List.copyOf(define.define(service, secrets)));
        }
        adoptRecorded();
    }

    /** Starts {@code services} (and what they depend on) and returns when every one answers its health check. */
    public static LocalStack start(StackSettings settings, Service... services) {
        return start(new LocalStack(settings), services);
    }

    static LocalStack start(LocalStack stack, Service... services) {
        stack.exitGuard.arm(stack.settings);
        try {
            for (Service s : services) {
                stack.start(s);
            }
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    /**
     * A handle on whatever already runs under the data dir (from the pid files), owning nothing: {@link #close()}
     * leaves it running. Used by {@code tributary status} and {@code tributary down}.
     */
    public static LocalStack attach(StackSettings settings) {
        LocalStack stack = new LocalStack(settings);
        stack.detached = true;
        return stack;
    }

    private void adoptRecorded() {
        for (RunRecord record : runState.readAll()) {
            table.update(record.name(), e -> e.with(record.supervision())
                    .withLaunch(record.launch() != null ? record.launch() : e.launch())
                    .withOneShot(record.oneShot() || e.oneShot()));
            ManagedProcess.adopt(record).ifPresent(p -> table.attach(record.name(), p));
        }
    }

    /**
     * Starts one service (after its dependencies); does nothing if it already runs. Of a Kafka cluster, the nodes not
     * running are started together (a node only answers once a majority of the quorum runs), then awaited.
     */
    public synchronized void start(Service service) {
        for (Service s : order.toStart(List.of(service))) {
            runner.startServers(servers.get(s));
        }
    }

    /**
     * Crash injection: SIGKILL the service's process (every node of a Kafka cluster) and wait until it (and its
     * children) are gone. Data stays.
     */
    public synchronized void kill(Service service) {
        requireRunning(service);
        for (ServerDefinition server : servers.get(service)) {
            ManagedProcess process = table.process(server.name());
            if (process != null) {
                kill(server.name());
            }
        }
    }

    /** Crash injection on one server process by name, e.g. the Kafka node {@code kafka-2}: SIGKILL, data stays. */
    public synchronized void kill(String serverName) {
        ManagedProcess process = requireRunning(serverName);
        process.kill();
        table.detach(serverName);
    }

    /**
     * Clean stop of one service (its stop signal, then SIGKILL after the stop timeout). The nodes of a Kafka cluster
     * are signalled together: stopped one after the other, the last ones would wait for a quorum that is gone.
     */
    public synchronized void stop(Service service) {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (ServerDefinition server : servers.get(service)) {
            String name = server.name();
            pause(name);
            ManagedProcess process = table.detach(name);
            if (process != null) {
                stops.add(CompletableFuture.runAsync(() -> server.stop(process, settings.stopTimeout()), NODE_STOPS));
            }
        }
        try {
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } finally {
            for (ServerDefinition server : servers.get(service)) {
                table.update(server.name(), e -> e.withOwned(false));
                runState.delete(server.name());
            }
        }
    }

    /** Runs each node's stop on a thread of its own (a stop mostly waits). */
    private static final Executor NODE_STOPS = command -> {
        Thread thread = new Thread(command, "stop-node");
        thread.setDaemon(true);
        thread.start();
    };

    /**
     * Pauses supervision of a process (by name: a server id or a launched process): the supervisor leaves it alone
     * while it is down on purpose. Persisted in its run record, so a supervisor in another process sees it too.
     * {@link #stop(Service)} pauses by itself; a new start resumes.
     */
    public void pause(String name) {
        setPaused(name, true);
    }

    /** Resumes supervision paused by {@link #pause(String)}. */
    public void resume(String name) {
        setPaused(name, false);
    }

    private void setPaused(String name, boolean paused) {
        table.update(name, e -> e.with(e.supervision().paused(paused)));
        runState.read(name).ifPresent(r -> runState.write(r.with(r.supervision().paused(paused))));
    }

    /** The run records of every process under the data dir (what a supervisor in any process watches). */
    public List<RunRecord> runRecords() {
        return runState.readAll();
    }

    /** The run record of one process, if any. */
    public Optional<RunRecord> runRecord(String name) {
        return runState.read(name);
    }

    /**
     * The process a run record names, as this handle knows it (with its exit code when this JVM started it), or adopted
     * from the record; empty when the recorded process is gone and was not started by this handle.
     */
    public Optional<ManagedProcess> processOf(RunRecord record) {
        return table.processOf(record);
    }

    /**
     * Supervisor restart: starts the process a run record names again (a server on the same ports and data, a launched
     * process with the same launch), counting the restart and the exit code of the process it replaces in the record.
     */
    public synchronized ManagedProcess restart(RunRecord record, OptionalInt exitCode) {
        String name = record.name();
        Supervision before = runState.read(name).map(RunRecord::supervision).orElse(record.supervision());
        table.update(name, e -> e.with(before.restarted(exitCode.isPresent() ? exitCode.getAsInt() : null, Instant.now().toString())));
        Optional<Service> service = Service.named(name);
        if (service.isPresent()) {
            ManagedProcess current = table.process(name);
            if (current != null && current.isAlive()) {
                return current;
            }
            table.detach(name);
            start(service.get());
            return table.process(name);
        }
        ModuleLaunch launch = record.launch() != null ? record.launch() : table.get(name).launch();
        if (launch == null) {
            throw new StackException("Cannot restart " + name + ": its run record " + settings.runDir().resolve(name + ".json")
                    + " does not say how it was launched");
        }
        if (record.oneShot()) {
            table.update(name, e -> e.withOneShot(true));
        }
        return launch(launch);
    }

    /** The supervisor gave up on a process: its record says why, and {@code status} reports it as failed. */
    public void markFailed(String name, String reason) {
        table.update(name, e -> e.with(e.supervision().failed(reason)));
        runState.read(name).ifPresent(r -> runState.write(r.with(r.supervision().failed(reason))));
    }

    /** Whether every process of the service (each Kafka node) runs. */
    public boolean isRunning(Service service) {
        return servers.get(service).stream().allMatch(server -> table.get(server.name()).alive());
    }

    /** The pid of the service's process (of Kafka: node 1). */
    public long pid(Service service) {
        return requireRunning(service).pid();
    }

    /** The pid of a server process by name, e.g. the Kafka node {@code kafka-2}. */
    public long pid(String serverName) {
        return requireRunning(serverName).pid();
    }

    /** The process of a running service (of Kafka: node 1). */
    public ManagedProcess process(Service service) {
        return requireRunning(service);
    }

    private ManagedProcess requireRunning(Service service) {
        return requireRunning(service.id());
    }

    private ManagedProcess requireRunning(String name) {
        ManagedProcess process = table.process(name);
        if (process == null) {
            throw new StackException(name + " is not running in this stack (" + settings.dataDir() + ")");
        }
        return process;
    }

    public PostgresEndpoint postgres() {
        return ((PostgresServer) servers.get(Service.POSTGRES).get(0)).connectionInfo();
    }

    /** {@code 127.0.0.1:<port>}, every node of a cluster: {@code 127.0.0.1:19092,127.0.0.1:19094,127.0.0.1:19096} */
    public String kafkaBootstrap() {
        return settings.kafkaCluster().bootstrap();
    }

    /** The Kafka nodes of this stack (one unless started with more). */
    public KafkaCluster kafkaCluster() {
        return settings.kafkaCluster();
    }

    /** {@code http://127.0.0.1:<port>} */
    public String registryUrl() {
        return servers.get(Service.REGISTRY).get(0).endpoint();
    }

    public S3Endpoint s3() {
        return ((S3ProxyServer) servers.get(Service.S3).get(0)).connectionInfo();
    }

    public StackSettings settings() {
        return settings;
    }

    /** The {@code TRIBUTARY_*} variables of docs/DEVELOPING.md for this stack (contains secrets: never log it). */
    public Map<String, String> serviceEnvironment() {
        return StackEnvironment.of(postgres(), kafkaBootstrap(), registryUrl(), s3());
    }

    /** The scheduler's login to PostgreSQL, on top of {@link #serviceEnvironment()} ({@link SchedulerLogin}). */
    public Map<String, String> schedulerLogin() {
        secrets.get(); // resolves every secret: generates the scheduler's file unless the environment gives one
        return SchedulerLogin.of(settings.environment(), settings.secretsDir());
    }

    /**
     * Starts a pipeline module as its own OS process with {@link #serviceEnvironment()} plus the launch's extra
     * variables; its output goes to {@code <data-dir>/logs/<name>.log}. Stopped by {@link #close()} (or
     * {@code tributary down}).
     */
    public ManagedProcess launch(ModuleLaunch launch) {
        return runner.launch(new StageProcess(settings, launch, this::serviceEnvironment), launch);
    }

    /**
     * Like {@link #launch} for a process meant to exit once its job is done (a load, a run with a duration): the
     * supervisor does not restart it when it exits with code 0 (it does when it fails).
     */
    public ManagedProcess launchOneShot(ModuleLaunch launch) {
        table.update(launch.name(), e -> e.withOneShot(true));
        return launch(launch);
    }

    /**
     * Forgets a launched process that has exited on purpose (a one-shot job such as a load, or a run that reached its
     * end), so that {@code status} no longer reports it as dead. Refused while it is alive.
     */
    public void forget(String name) {
        ManagedProcess process = table.process(name);
        if (process != null && process.isAlive()) {
            throw new StackException(name + " is still running (pid " + process.pid() + "); stop it first");
        }
        table.remove(name);
        runState.delete(name);
    }

    /** Pipeline processes started with {@link #launch} (or found in the pid files), by name. */
    public Map<String, ManagedProcess> launchedProcesses() {
        return Map.copyOf(table.processes(StopSequence::isStage));
    }

    /** Per service and launched process: state, endpoint, pid, data size. Probes each running server once. */
    public List<ServiceStatus> status() {
        return new StackStatusReport(settings, servers, runState, table, this::processOf).statuses();
    }

    /** The {@code tributary supervise} daemon of this data dir, if one runs (recorded in {@code <data-dir>/supervisor.json}). */
    public Optional<ManagedProcess> supervisorDaemon() {
        return supervisorDaemon.find();
    }

    /**
     * Starts {@code command} (a JVM running the supervisor over this data dir) detached from this process, unless one
     * already runs; records it in {@code <data-dir>/supervisor.json} (not a run record: it is not a service) so that
     * {@link #stopAll()} stops it first. Its log is {@code <data-dir>/logs/supervisor.log}.
     */
    public ManagedProcess startSupervisorDaemon(List<String> command) {
        return supervisorDaemon.start(command);
    }

    /** Stops everything that runs under the data dir (the supervisor daemon first, then pipeline processes), owned or not. */
    public synchronized void stopAll() {
        supervisorDaemon.stop(settings.stopTimeout());
        stopSequence.stopEverything(this::stop);
    }

    /** After this, {@link #close()} leaves every process running (the CLI's {@code up}). */
    public void detach() {
        detached = true;
        exitGuard.removeHook();
        exitGuard.cancelReaper();
    }

    /**
     * Stops what this handle started: launched processes (the last launched first), then its servers, dependents
     * before what they depend on. Every stop is tried; the first failure is thrown with the others suppressed on it.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        exitGuard.removeHook();
        if (detached) {
            return;
        }
        try {
            stopSequence.stopOwned(this::stop);
        } finally {
            exitGuard.cancelReaper();
        }
    }

    @Override
    public String toString() {
        return "LocalStack[" + settings.dataDir() + ", running="
                + table.processes(name -> !StopSequence.isStage(name)).keySet().stream().map(Service::named).flatMap(Optional::stream).toList() + "]";
    }
}
