package io.tributary.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 */
public final class LocalStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    /** Name of the supervisor daemon's record and log. */
    public static final String SUPERVISOR = "supervisor";

    private final StackSettings settings;
    /** Read (or generated) on first use, so {@code status} of an empty data dir writes nothing. */
    private final Supplier<StackSecrets> secrets;
    private final Map<Service, ServerDefinition> servers = new EnumMap<>(Service.class);
    private final Map<Service, ManagedProcess> running = Collections.synchronizedMap(new EnumMap<>(Service.class));
    private final Set<Service> owned = Collections.synchronizedSet(EnumSet.noneOf(Service.class));
    private final Map<String, ManagedProcess> launched = Collections.synchronizedMap(new LinkedHashMap<>());
    /** How each launched process was started (for a restart), and which are one-shots. */
    private final Map<String, ModuleLaunch> launches = new ConcurrentHashMap<>();
    private final Set<String> oneShots = ConcurrentHashMap.newKeySet();
    /** Restart counts etc. per process name; survives a deliberate stop/start within this handle. */
    private final Map<String, Supervision> supervision = new ConcurrentHashMap<>();
    private final RunStateStore runState;
    private final Thread shutdownHook;
    private volatile OrphanReaper reaper;
    private volatile boolean detached;
    private volatile boolean closed;

    private LocalStack(StackSettings settings) {
        this.settings = settings;
        SecretStore store = new SecretStore(settings.secretsDir(), settings.environment());
        this.secrets = new Supplier<>() {
            private StackSecrets resolved;

            @Override
            public synchronized StackSecrets get() {
                if (resolved == null) {
                    resolved = StackSecrets.resolve(store);
                }
                return resolved;
            }
        };
        this.runState = new RunStateStore(settings.runDir());
        PostgresServer postgres = new PostgresServer(settings, secrets);
        servers.put(Service.POSTGRES, postgres);
        servers.put(Service.KAFKA, new KafkaServer(settings));
        servers.put(Service.S3, new S3ProxyServer(settings, secrets));
        servers.put(Service.REGISTRY, new RegistryServer(settings));
        this.shutdownHook = new Thread(this::closeFromHook, "local-stack-shutdown");
        adoptRecorded();
    }

    /** Starts {@code services} (and what they depend on) and returns when every one answers its health check. */
    public static LocalStack start(StackSettings settings, Service... services) {
        LocalStack stack = new LocalStack(settings);
        Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
        if (!settings.detachChildren()) {
            // children tied to this JVM (tests): stop them even if it is SIGKILLed
            stack.reaper = OrphanReaper.watch(ProcessHandle.current().pid(), settings.runDir());
        }
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
            remember(record);
            Optional<ManagedProcess> process = adopt(record);
            Optional<Service> service = serviceNamed(record.name());
            if (process.isEmpty()) {
                continue;
            }
            if (service.isPresent()) {
                running.put(service.get(), process.get());
            } else {
                launched.put(record.name(), process.get());
            }
        }
    }

    private void remember(RunRecord record) {
        supervision.put(record.name(), record.supervision());
        if (record.launch() != null) {
            launches.put(record.name(), record.launch());
        }
        if (record.oneShot()) {
            oneShots.add(record.name());
        }
    }

    static Optional<Service> serviceNamed(String name) {
        return Arrays.stream(Service.values()).filter(s -> s.id().equals(name)).findFirst();
    }

    private static Optional<ManagedProcess> adopt(RunRecord record) {
        return ManagedProcess.adopt(record.name(), record.pid(), Instant.parse(record.startedAt()), Path.of(record.logFile()),
                StopSignal.valueOf(record.stopSignal()));
    }

    /** Starts one service (after its dependencies); does nothing if it already runs. */
    public synchronized void start(Service service) {
        for (Service dependency : service.dependencies()) {
            start(dependency);
        }
        ManagedProcess current = running.get(service);
        if (current != null && current.isAlive()) {
            LOG.info("{} already runs (pid {})", service.id(), current.pid());
            return;
        }
        ServerDefinition server = servers.get(service);
        server.ports().forEach((port, option) -> PortAvailability.requireFree(service.id(), port, option));
        long begin = System.nanoTime();
        try {
            Files.createDirectories(settings.tmpDir());
            server.prepare();
        } catch (IOException e) {
            throw new StackException("Cannot prepare " + service.id() + " under " + settings.serviceDir(service) + ": " + e.getMessage(), e);
        }
        ManagedProcess process = ManagedProcess.start(server.processSpec(), settings.detachChildren());
        running.put(service, process);
        owned.add(service);
        record(process, server.endpoint());
        try {
            awaitHealthy(server, process);
            server.afterHealthy();
        } catch (RuntimeException e) {
            process.kill();
            running.remove(service);
            runState.delete(service.id());
            throw e;
        }
        LOG.info("{} is up at {} (pid {}) in {} ms", service.id(), server.endpoint(), process.pid(),
                (System.nanoTime() - begin) / 1_000_000);
    }

    private void record(ManagedProcess process, String endpoint) {
        String name = process.name();
        Supervision s = supervision.getOrDefault(name, Supervision.NONE).paused(false).failed(null);
        supervision.put(name, s);
        runState.write(new RunRecord(name, process.pid(), process.startedAt().toString(), endpoint,
                process.logFile().toString(), process.stopSignal().name()).with(s).withLaunch(launches.get(name), oneShots.contains(name)));
    }

    private void awaitHealthy(ServerDefinition server, ManagedProcess process) {
        long deadline = System.nanoTime() + settings.startupTimeout().toNanos();
        long pause = 100;
        Probe last = Probe.down("not probed yet");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new StackException(server.service().id() + " exited"
                        + process.exitCode().stream().mapToObj(c -> " with code " + c).findFirst().orElse("")
                        + " while starting; see " + process.logFile() + ":\n" + LogTail.of(process.logFile(), 30));
            }
            last = server.probe();
            if (last.healthy()) {
                return;
            }
            sleep(pause);
            pause = Math.min(pause * 2, 1000);
        }
        throw new StackException(server.service().id() + " did not become healthy within " + settings.startupTimeout()
                + " (last check: " + last.detail() + "); see " + process.logFile() + ":\n" + LogTail.of(process.logFile(), 30));
    }

    /** Crash injection: SIGKILL the service's process and wait until it (and its children) are gone. Data stays. */
    public synchronized void kill(Service service) {
        ManagedProcess process = requireRunning(service);
        process.kill();
        running.remove(service);
    }

    /** Clean stop of one service (its stop signal, then SIGKILL after the stop timeout). */
    public synchronized void stop(Service service) {
        pause(service.id());
        ManagedProcess process = running.remove(service);
        if (process != null) {
            process.stop(settings.stopTimeout());
        }
        owned.remove(service);
        runState.delete(service.id());
    }

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
        Supervision s = supervision.getOrDefault(name, Supervision.NONE).paused(paused);
        supervision.put(name, s);
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
        ManagedProcess known = serviceNamed(record.name()).map(running::get).orElseGet(() -> launched.get(record.name()));
        if (known != null && known.pid() == record.pid()) {
            return Optional.of(known);
        }
        return adopt(record);
    }

    /**
     * Supervisor restart: starts the process a run record names again (a server on the same ports and data, a launched
     * process with the same launch), counting the restart and the exit code of the process it replaces in the record.
     */
    public synchronized ManagedProcess restart(RunRecord record, OptionalInt exitCode) {
        String name = record.name();
        Supervision before = runState.read(name).map(RunRecord::supervision).orElse(record.supervision());
        supervision.put(name, before.restarted(exitCode.isPresent() ? exitCode.getAsInt() : null, Instant.now().toString()));
        Optional<Service> service = serviceNamed(name);
        if (service.isPresent()) {
            ManagedProcess dead = running.remove(service.get());
            if (dead != null && dead.isAlive()) {
                running.put(service.get(), dead);
                return dead;
            }
            start(service.get());
            return running.get(service.get());
        }
        ModuleLaunch launch = record.launch() != null ? record.launch() : launches.get(name);
        if (launch == null) {
            throw new StackException("Cannot restart " + name + ": its run record " + settings.runDir().resolve(name + ".json")
                    + " does not say how it was launched");
        }
        if (record.oneShot()) {
            oneShots.add(name);
        }
        return launch(launch);
    }

    /** The supervisor gave up on a process: its record says why, and {@code status} reports it as failed. */
    public void markFailed(String name, String reason) {
        Supervision s = supervision.getOrDefault(name, Supervision.NONE).failed(reason);
        supervision.put(name, s);
        runState.read(name).ifPresent(r -> runState.write(r.with(r.supervision().failed(reason))));
    }

    public boolean isRunning(Service service) {
        ManagedProcess process = running.get(service);
        return process != null && process.isAlive();
    }

    public long pid(Service service) {
        return requireRunning(service).pid();
    }

    /** The process of a running service. */
    public ManagedProcess process(Service service) {
        return requireRunning(service);
    }

    private ManagedProcess requireRunning(Service service) {
        ManagedProcess process = running.get(service);
        if (process == null) {
            throw new StackException(service.id() + " is not running in this stack (" + settings.dataDir() + ")");
        }
        return process;
    }

    public PostgresEndpoint postgres() {
        return ((PostgresServer) servers.get(Service.POSTGRES)).connectionInfo();
    }

    /** {@code 127.0.0.1:<port>} */
    public String kafkaBootstrap() {
        return servers.get(Service.KAFKA).endpoint();
    }

    /** {@code http://127.0.0.1:<port>} */
    public String registryUrl() {
        return servers.get(Service.REGISTRY).endpoint();
    }

    public S3Endpoint s3() {
        return ((S3ProxyServer) servers.get(Service.S3)).connectionInfo();
    }

    public StackSettings settings() {
        return settings;
    }

    /** The {@code TRIBUTARY_*} variables of docs/DEVELOPING.md for this stack (contains secrets: never log it). */
    public Map<String, String> serviceEnvironment() {
        PostgresEndpoint pg = postgres();
        S3Endpoint s3 = s3();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TRIBUTARY_PG_HOST", pg.host());
        env.put("TRIBUTARY_PG_PORT", Integer.toString(pg.port()));
        env.put("TRIBUTARY_PG_DATABASE", pg.database());
        env.put("TRIBUTARY_APP_USER", pg.appUser());
        env.put("TRIBUTARY_APP_PASSWORD", pg.appPassword());
        env.put("TRIBUTARY_CDC_USER", pg.cdcUser());
        env.put("TRIBUTARY_CDC_PASSWORD", pg.cdcPassword());
        env.put("TRIBUTARY_KAFKA_BOOTSTRAP", kafkaBootstrap());
        env.put("TRIBUTARY_SCHEMA_REGISTRY_URL", registryUrl());
        env.put("TRIBUTARY_S3_ENDPOINT", s3.endpoint());
        env.put("TRIBUTARY_S3_REGION", s3.region());
        env.put("TRIBUTARY_S3_BUCKET", s3.bucket());
        env.put("TRIBUTARY_S3_ACCESS_KEY", s3.accessKey());
        env.put("TRIBUTARY_S3_SECRET_KEY", s3.secretKey());
        env.put("TRIBUTARY_TOPIC_PREFIX", "tributary");
        return Collections.unmodifiableMap(env);
    }

    /**
     * Starts a pipeline module as its own OS process with {@link #serviceEnvironment()} plus the launch's extra
     * variables; its output goes to {@code <data-dir>/logs/<name>.log}. Stopped by {@link #close()} (or
     * {@code tributary down}).
     */
    public ManagedProcess launch(ModuleLaunch launch) {
        ManagedProcess previous = launched.get(launch.name());
        if (previous != null && previous.isAlive()) {
            throw new StackException(launch.name() + " already runs (pid " + previous.pid() + "); stop it first or give the launch another name");
        }
        try {
            Files.createDirectories(settings.tmpDir());
        } catch (IOException e) {
            throw new StackException("Cannot create " + settings.tmpDir() + ": " + e.getMessage(), e);
        }
        ManagedProcess process = ManagedProcess.start(launch.toSpec(settings, serviceEnvironment()), settings.detachChildren());
        launched.put(launch.name(), process);
        launches.put(launch.name(), launch);
        record(process, "");
        return process;
    }

    /**
     * Like {@link #launch} for a process meant to exit once its job is done (a load, a run with a duration): the
     * supervisor does not restart it when it exits with code 0 (it does when it fails).
     */
    public ManagedProcess launchOneShot(ModuleLaunch launch) {
        oneShots.add(launch.name());
        return launch(launch);
    }

    /**
     * Forgets a launched process that has exited on purpose (a one-shot job such as a load, or a run that reached its
     * end), so that {@code status} no longer reports it as dead. Refused while it is alive.
     */
    public void forget(String name) {
        ManagedProcess process = launched.get(name);
        if (process != null && process.isAlive()) {
            throw new StackException(name + " is still running (pid " + process.pid() + "); stop it first");
        }
        launched.remove(name);
        launches.remove(name);
        oneShots.remove(name);
        supervision.remove(name);
        runState.delete(name);
    }

    /** Pipeline processes started with {@link #launch} (or found in the pid files), by name. */
    public Map<String, ManagedProcess> launchedProcesses() {
        synchronized (launched) {
            return Map.copyOf(launched);
        }
    }

    /** Per service and launched process: state, endpoint, pid, data size. Probes each running server once. */
    public List<ServiceStatus> status() {
        List<ServiceStatus> result = new ArrayList<>();
        for (Service service : Service.values()) {
            ServerDefinition server = servers.get(service);
            long size = server.dataDir() == null ? -1 : DiskUsage.of(server.dataDir());
            Optional<RunRecord> record = runState.read(service.id());
            Supervision sup = record.map(RunRecord::supervision).orElse(Supervision.NONE);
            ManagedProcess process = record.flatMap(this::processOf).filter(ManagedProcess::isAlive).orElse(running.get(service));
            if (process != null && process.isAlive()) {
                Probe probe = server.probe();
                result.add(new ServiceStatus(service.id(), probe.healthy() ? ServiceStatus.State.HEALTHY : ServiceStatus.State.UNHEALTHY,
                        server.endpoint(), process.pid(), size, probe.detail(), sup));
            } else if (record.isPresent() && sup.failure() != null) {
                result.add(new ServiceStatus(service.id(), ServiceStatus.State.FAILED, server.endpoint(), null, size, sup.failure(), sup));
            } else if (record.isPresent()) {
                result.add(new ServiceStatus(service.id(), ServiceStatus.State.DEAD, server.endpoint(), null, size,
                        "pid file " + settings.runDir().resolve(service.id() + ".json") + " names a process that is gone", sup));
            } else {
                result.add(new ServiceStatus(service.id(), ServiceStatus.State.STOPPED, server.endpoint(), null, size, "not running"));
            }
        }
        Map<String, ManagedProcess> processes;
        synchronized (launched) {
            processes = new LinkedHashMap<>(launched);
        }
        Set<String> names = new java.util.LinkedHashSet<>(processes.keySet());
        for (RunRecord r : runState.readAll()) {
            if (serviceNamed(r.name()).isEmpty()) {
                names.add(r.name());
                // a restart by a supervisor in another process: the record names the current process
                processOf(r).filter(ManagedProcess::isAlive).ifPresent(p -> processes.put(r.name(), p));
            }
        }
        names.forEach(name -> {
            ManagedProcess process = processes.get(name);
            Optional<RunRecord> record = runState.read(name);
            Supervision sup = record.map(RunRecord::supervision).orElse(supervision.getOrDefault(name, Supervision.NONE));
            boolean alive = process != null && process.isAlive();
            ServiceStatus.State state = alive ? ServiceStatus.State.RUNNING
                    : sup.failure() != null ? ServiceStatus.State.FAILED : ServiceStatus.State.DEAD;
            result.add(new ServiceStatus(name, state, "", alive ? process.pid() : null, -1,
                    alive ? "process alive" : sup.failure() != null ? sup.failure() : "exited", sup));
        });
        return result;
    }

    /** The {@code tributary supervise} daemon of this data dir, if one runs (recorded in {@code <data-dir>/supervisor.json}). */
    public Optional<ManagedProcess> supervisorDaemon() {
        return supervisorRecord().flatMap(LocalStack::adopt);
    }

    private Optional<RunRecord> supervisorRecord() {
        return new RunStateStore(settings.dataDir()).read(SUPERVISOR);
    }

    /**
     * Starts {@code command} (a JVM running the supervisor over this data dir) detached from this process, unless one
     * already runs; records it in {@code <data-dir>/supervisor.json} (not a run record: it is not a service) so that
     * {@link #stopAll()} stops it first. Its log is {@code <data-dir>/logs/supervisor.log}.
     */
    public ManagedProcess startSupervisorDaemon(List<String> command) {
        Optional<ManagedProcess> running = supervisorDaemon();
        if (running.isPresent()) {
            LOG.info("The supervisor daemon already runs (pid {})", running.get().pid());
            return running.get();
        }
        ManagedProcess process = ManagedProcess.start(new ProcessSpec(SUPERVISOR, command, Map.of(), settings.projectRoot(),
                settings.logFile(SUPERVISOR), StopSignal.TERM), true);
        new RunStateStore(settings.dataDir()).write(new RunRecord(SUPERVISOR, process.pid(), process.startedAt().toString(), "",
                process.logFile().toString(), StopSignal.TERM.name()));
        return process;
    }

    private void stopSupervisorDaemon() {
        supervisorDaemon().ifPresent(p -> p.stop(settings.stopTimeout()));
        new RunStateStore(settings.dataDir()).delete(SUPERVISOR);
    }

    /** Stops everything that runs under the data dir (the supervisor daemon first, then pipeline processes), owned or not. */
    public synchronized void stopAll() {
        stopSupervisorDaemon();
        for (RunRecord r : runState.readAll()) {
            // a process restarted by a supervisor since this handle read the records
            if (serviceNamed(r.name()).isEmpty()) {
                processOf(r).filter(ManagedProcess::isAlive).ifPresent(p -> launched.put(r.name(), p));
            } else {
                processOf(r).filter(ManagedProcess::isAlive).ifPresent(p -> running.put(serviceNamed(r.name()).get(), p));
            }
        }
        List<ManagedProcess> pipeline;
        synchronized (launched) {
            pipeline = new ArrayList<>(launched.values());
        }
        Collections.reverse(pipeline);
        for (ManagedProcess p : pipeline) {
            p.stop(settings.stopTimeout());
            runState.delete(p.name());
            launched.remove(p.name());
        }
        List<Service> services = new ArrayList<>(List.of(Service.values()));
        Collections.reverse(services);
        for (Service s : services) {
            stop(s);
        }
        // pid files of processes that died on their own
        runState.readAll().forEach(r -> runState.delete(r.name()));
    }

    /** After this, {@link #close()} leaves every process running (the CLI's {@code up}). */
    public void detach() {
        detached = true;
        removeHook();
        cancelReaper();
    }

    private void cancelReaper() {
        OrphanReaper r = reaper;
        if (r != null) {
            r.cancel();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        removeHook();
        if (detached) {
            return;
        }
        try {
            closeOwned();
        } finally {
            cancelReaper();
        }
    }

    private void closeOwned() {
        RuntimeException failure = null;
        List<ManagedProcess> pipeline;
        synchronized (launched) {
            pipeline = new ArrayList<>(launched.values());
        }
        Collections.reverse(pipeline);
        for (ManagedProcess p : pipeline) {
            try {
                p.stop(settings.stopTimeout());
                runState.delete(p.name());
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        List<Service> services = new ArrayList<>(owned);
        Collections.reverse(services);
        for (Service s : services) {
            try {
                stop(s);
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void closeFromHook() {
        try {
            close();
        } catch (RuntimeException e) {
            LOG.warn("Stopping the local stack at JVM exit failed: {}", e.getMessage());
        }
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // JVM already shutting down, or hook never registered
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while waiting for the stack", e);
        }
    }

    @Override
    public String toString() {
        return "LocalStack[" + settings.dataDir() + ", running=" + running.keySet() + "]";
    }
}
