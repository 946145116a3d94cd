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
import java.util.Set;
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

    private final StackSettings settings;
    /** Read (or generated) on first use, so {@code status} of an empty data dir writes nothing. */
    private final Supplier<StackSecrets> secrets;
    private final Map<Service, ServerDefinition> servers = new EnumMap<>(Service.class);
    private final Map<Service, ManagedProcess> running = Collections.synchronizedMap(new EnumMap<>(Service.class));
    private final Set<Service> owned = Collections.synchronizedSet(EnumSet.noneOf(Service.class));
    private final Map<String, ManagedProcess> launched = Collections.synchronizedMap(new LinkedHashMap<>());
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
            Optional<ManagedProcess> process = adopt(record);
            Optional<Service> service = Arrays.stream(Service.values()).filter(s -> s.id().equals(record.name())).findFirst();
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
        runState.write(new RunRecord(process.name(), process.pid(), process.startedAt().toString(), endpoint,
                process.logFile().toString(), process.stopSignal().name()));
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
        ManagedProcess process = running.remove(service);
        if (process != null) {
            process.stop(settings.stopTimeout());
        }
        owned.remove(service);
        runState.delete(service.id());
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
        record(process, "");
        return process;
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
            ManagedProcess process = running.get(service);
            if (process != null && process.isAlive()) {
                Probe probe = server.probe();
                result.add(new ServiceStatus(service.id(), probe.healthy() ? ServiceStatus.State.HEALTHY : ServiceStatus.State.UNHEALTHY,
                        server.endpoint(), process.pid(), size, probe.detail()));
            } else if (runState.read(service.id()).isPresent()) {
                result.add(new ServiceStatus(service.id(), ServiceStatus.State.DEAD, server.endpoint(), null, size,
                        "pid file " + settings.runDir().resolve(service.id() + ".json") + " names a process that is gone"));
            } else {
                result.add(new ServiceStatus(service.id(), ServiceStatus.State.STOPPED, server.endpoint(), null, size, "not running"));
            }
        }
        synchronized (launched) {
            launched.forEach((name, process) -> result.add(new ServiceStatus(name,
                    process.isAlive() ? ServiceStatus.State.RUNNING : ServiceStatus.State.DEAD, "", process.isAlive() ? process.pid() : null,
                    -1, process.isAlive() ? "process alive" : "exited")));
        }
        return result;
    }

    /** Stops everything that runs under the data dir, pipeline processes first, owned or not. */
    public synchronized void stopAll() {
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
