package io.tributary.lakehouse.it;

import io.tributary.lakehouse.config.LakehouseConfig;
import io.tributary.lakehouse.fixture.CdcTopicProducer;
import io.tributary.lakehouse.fixture.ReaderSessions;
import io.tributary.lakehouse.fixture.SparkJvmOptions;
import io.tributary.stack.LocalStack;
import io.tributary.stack.ManagedProcess;
import io.tributary.stack.ModuleLaunch;
import io.tributary.stack.Service;
import io.tributary.stack.StackSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The servers of a lake IT and what every such IT opens on them: a producer of change events, the lakehouse job's
 * {@code stream} as its own process, and a Spark session of the test JVM that reads the lake. One per IT class, under
 * {@code target/it-stacks/<IT>-<millis>}; {@link #close()} closes the producer, the reader and the servers.
 */
public final class LakeTestStack implements AutoCloseable {
    private final Path dir;
    private final LocalStack stack;
    private CdcTopicProducer producer;
    private SparkSession reader;
    private LakehouseConfig readerConfig;

    private LakeTestStack(Path dir, LocalStack stack) {
        this.dir = dir;
        this.stack = stack;
    }

    /** Starts {@code services} for the IT named {@code itName}. */
    public static LakeTestStack start(String itName, Service... services) {
        Path dir = Path.of("target/it-stacks/" + itName + "-" + System.currentTimeMillis()).toAbsolutePath();
        return new LakeTestStack(dir, LocalStack.start(StackSettings.forTests(dir), services));
    }

    public Path dir() {
        return dir;
    }

    public LocalStack stack() {
        return stack;
    }

    /** The producer of Debezium-shaped change events to the stack's Kafka and registry (opened on first use). */
    public CdcTopicProducer producer() {
        if (producer == null) {
            producer = new CdcTopicProducer(stack.kafkaBootstrap(), stack.registryUrl());
        }
        return producer;
    }

    /**
     * Launches {@code lakehouse-job stream} (1 GB heap, Spark's JVM options) with the stack's environment, a trigger
     * interval of 1 s and its data dir {@code <dir>/lakehouse-job}, then {@code settings} (which may override those).
     */
    public ManagedProcess launchStream(Map<String, String> settings) {
        Map<String, String> env = new HashMap<>();
        env.put("TRIBUTARY_LAKEHOUSE_TRIGGER_INTERVAL", "1s");
        env.put("TRIBUTARY_LAKEHOUSE_DATA_DIR", dir.resolve("lakehouse-job").toString());
        env.putAll(settings);
        List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
        jvm.addAll(SparkJvmOptions.forChildJvm());
        return stack.launch(ModuleLaunch.of("lakehouse-job", "io.tributary.lakehouse.LakehouseJobMain",
                List.of("stream"), env, jvm));
    }

    /** Opens the test JVM's session on the lake (its Spark data under {@code <dir>/test-spark}). */
    public SparkSession openReader(String appName) throws IOException {
        Map<String, String> env = new HashMap<>(stack.serviceEnvironment());
        env.put("TRIBUTARY_LAKEHOUSE_DATA_DIR", dir.resolve("test-spark").toString());
        readerConfig = LakehouseConfig.load(Map.of(), env, Map.of());
        reader = ReaderSessions.create(readerConfig, appName);
        return reader;
    }

    /** The settings the reader session was opened with (its lake root). */
    public LakehouseConfig readerConfig() {
        return readerConfig;
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close();
        }
        if (reader != null) {
            reader.stop();
        }
        stack.close();
    }
}
