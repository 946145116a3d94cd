package io.tributary.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the local stack needs to know, validated once. Build with {@link #forTests(Path)} (free ports, secrets
 * generated under the data dir, environment ignored) or {@link #builder(Path)} (documented default ports).
 */
public final class StackSettings {
    private final Path dataDir;
    private final Path projectRoot;
    private final StackPorts ports;
    private final KafkaCluster kafkaCluster;
    private final Map<String, String> environment;
    private final Duration startupTimeout;
    private final Duration stopTimeout;
    private final boolean detachChildren;
    private final List<String> kafkaJvmOptions;
    private final List<String> s3JvmOptions;
    private final List<String> registryJvmOptions;
    private final Path postgresBinaries;

    private StackSettings(Builder b) {
        this.dataDir = b.dataDir.toAbsolutePath().normalize();
        this.projectRoot = b.projectRoot != null ? b.projectRoot.toAbsolutePath().normalize() : null;
        this.ports = Objects.requireNonNull(b.ports, "ports");
        this.kafkaCluster = KafkaCluster.of(ports, b.kafkaBrokers);
        this.environment = Map.copyOf(b.environment);
        this.startupTimeout = positive(b.startupTimeout, "startupTimeout");
        this.stopTimeout = positive(b.stopTimeout, "stopTimeout");
        this.detachChildren = b.detachChildren;
        this.kafkaJvmOptions = List.copyOf(b.kafkaJvmOptions);
        this.s3JvmOptions = List.copyOf(b.s3JvmOptions);
        this.registryJvmOptions = List.copyOf(b.registryJvmOptions);
        this.postgresBinaries = (b.postgresBinaries != null ? b.postgresBinaries
                : dataDir.resolve("postgres").resolve("dist")).toAbsolutePath().normalize();
    }

    private static Duration positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
        }
        return d;
    }

    /**
     * For integration tests: free ports, everything under {@code dataDir}, secrets generated there (the environment is
     * ignored so a developer's TRIBUTARY_* variables cannot leak into a test), project root found from the working dir.
     */
    public static StackSettings forTests(Path dataDir) {
        return testBuilder(dataDir).build();
    }

    /** What {@link #forTests(Path)} builds, to change before building (e.g. {@link Builder#kafkaBrokers(int)}). */
    public static Builder testBuilder(Path dataDir) {
        return builder(dataDir)
                .ports(StackPorts.free())
                .environment(Map.of())
                .projectRoot(ProjectRoot.require())
                // generous: a 2-core CI box running several suites at once starts a broker in 5-20 s
                .startupTimeout(Duration.ofSeconds(120))
                .stopTimeout(Duration.ofSeconds(20))
                .detachChildren(false)
                // shared by every test stack of this machine (extracting is ~2 s and ~100 MB per copy)
                .postgresBinaries(Path.of(System.getProperty("java.io.tmpdir"),
                        "tributary-postgres-" + BuildInfo.get("postgres.version") + "-" + System.getProperty("user.name")));
    }

    /** Defaults: documented ports, the process environment for secrets, project root found from the working dir. */
    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The source tree (init-db/*.sql, module classpaths); an error naming how to set it if it was not found. */
    public Path projectRoot() {
        if (projectRoot == null) {
            return ProjectRoot.require();
        }
        return projectRoot;
    }

    public StackPorts ports() {
        return ports;
    }

    /** The Kafka nodes: one unless {@link Builder#kafkaBrokers(int)} asked for more. */
    public KafkaCluster kafkaCluster() {
        return kafkaCluster;
    }

    /** The environment secrets are read from ({@code TRIBUTARY_APP_PASSWORD}, ...). Empty for tests. */
    public Map<String, String> environment() {
        return environment;
    }

    public Duration startupTimeout() {
        return startupTimeout;
    }

    public Duration stopTimeout() {
        return stopTimeout;
    }

    /** Whether children are started in their own session (setsid) so they survive the launching process. */
    public boolean detachChildren() {
        return detachChildren;
    }

    public List<String> kafkaJvmOptions() {
        return kafkaJvmOptions;
    }

    public List<String> s3JvmOptions() {
        return s3JvmOptions;
    }

    public List<String> registryJvmOptions() {
        return registryJvmOptions;
    }

    /** Where PostgreSQL's bin/, lib/ and share/ are extracted (default {@code <data-dir>/postgres/dist}). */
    public Path postgresBinaries() {
        return postgresBinaries;
    }

    public Path logsDir() {
        return dataDir.resolve("logs");
    }

    public Path runDir() {
        return dataDir.resolve("run");
    }

    public Path secretsDir() {
        return dataDir.resolve("secrets");
    }

    public Path tmpDir() {
        return dataDir.resolve("tmp");
    }

    /** The data folder of one service, e.g. {@code <data-dir>/postgres}. */
    public Path serviceDir(Service service) {
        return dataDir.resolve(service.id());
    }

    public Path logFile(String name) {
        return logsDir().resolve(name + ".log");
    }

    @Override
    public String toString() {
        return "StackSettings[dataDir=" + dataDir + ", ports=" + ports + ", kafkaBrokers=" + kafkaCluster.size() + "]";
    }

    /** Builder with the documented defaults. */
    public static final class Builder {
        private final Path dataDir;
        private Path projectRoot;
        private StackPorts ports = StackPorts.DEFAULTS;
        private int kafkaBrokers = 1;
        private Map<String, String> environment = System.getenv();
        private Duration startupTimeout = Duration.ofSeconds(90);
        private Duration stopTimeout = Duration.ofSeconds(30);
        private boolean detachChildren = true;
        private List<String> kafkaJvmOptions = List.of("-Xms128m", "-Xmx384m");
        private List<String> s3JvmOptions = List.of("-Xms32m", "-Xmx256m");
        private List<String> registryJvmOptions = List.of("-Xms32m", "-Xmx256m");
        private Path postgresBinaries;

        private Builder(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        }

        public Builder projectRoot(Path root) {
            this.projectRoot = root;
            return this;
        }

        public Builder ports(StackPorts ports) {
            this.ports = ports;
            return this;
        }

        /** Kafka nodes: 1 (the default), 3 or 5 ({@link KafkaCluster}). */
        public Builder kafkaBrokers(int brokers) {
            this.kafkaBrokers = brokers;
            return this;
        }

        public Builder environment(Map<String, String> environment) {
            this.environment = environment;
            return this;
        }

        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = timeout;
            return this;
        }

        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = timeout;
            return this;
        }

        public Builder detachChildren(boolean detach) {
            this.detachChildren = detach;
            return this;
        }

        public Builder kafkaJvmOptions(List<String> options) {
            this.kafkaJvmOptions = options;
            return this;
        }

        public Builder s3JvmOptions(List<String> options) {
            this.s3JvmOptions = options;
            return this;
        }

        public Builder registryJvmOptions(List<String> options) {
            this.registryJvmOptions = options;
            return this;
        }

        public Builder postgresBinaries(Path dir) {
            this.postgresBinaries = dir;
            return this;
        }

        public StackSettings build() {
            return new StackSettings(this);
        }
    }
}
