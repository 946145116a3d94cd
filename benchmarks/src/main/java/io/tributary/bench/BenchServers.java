package io.tributary.bench;

import io.tributary.stack.LocalStack;
import io.tributary.stack.Service;
import io.tributary.stack.StackPorts;
import io.tributary.stack.StackSettings;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark's private servers, started as two groups at once: PostgreSQL + S3Proxy, and Kafka + the registry
 * (which needs Kafka). A {@link LocalStack} starts its services one after the other, so each group is its own stack
 * on its own data dir; both share one set of ports, so {@link #main()}'s {@code serviceEnvironment()} names every
 * server. Closing stops the pipeline processes and PostgreSQL/S3 first, then Kafka and the registry.
 */
final class BenchServers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BenchServers.class);

    private final LocalStack main;
    private final LocalStack kafka;

    private BenchServers(LocalStack main, LocalStack kafka) {
        this.main = main;
        this.kafka = kafka;
    }

    /** {@code settings} builds the settings of a group's data dir; both groups get {@code ports}. */
    static BenchServers start(Path stackDir, StackPorts ports, Function<Path, StackSettings.Builder> settings) {
        long begin = System.nanoTime();
        CompletableFuture<LocalStack> kafkaSide = CompletableFuture.supplyAsync(() -> LocalStack.start(
                settings.apply(stackDir.resolveSibling(stackDir.getFileName() + "-kafka")).ports(ports).build(),
                Service.KAFKA, Service.REGISTRY));
        LocalStack main;
        try {
            main = LocalStack.start(settings.apply(stackDir).ports(ports).build(), Service.POSTGRES, Service.S3);
        } catch (RuntimeException e) {
            kafkaSide.thenAccept(LocalStack::close);
            throw e;
        }
        try {
            LocalStack kafka = kafkaSide.join();
            LOG.info("Servers up in {} ms (PostgreSQL + S3Proxy alongside Kafka + registry)",
                    (System.nanoTime() - begin) / 1_000_000);
            return new BenchServers(main, kafka);
        } catch (CompletionException e) {
            main.close();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** The stack that launches the stages and knows every endpoint (PostgreSQL, S3, Kafka and registry ports). */
    LocalStack main() {
        return main;
    }

    long pid(Service service) {
        return service == Service.KAFKA || service == Service.REGISTRY ? kafka.pid(service) : main.pid(service);
    }

    @Override
    public void close() {
        try {
            main.close();
        } finally {
            kafka.close();
        }
    }
}
