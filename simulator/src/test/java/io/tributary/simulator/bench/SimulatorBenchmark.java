package io.tributary.simulator.bench;

import io.tributary.simulator.CliRun;
import io.tributary.simulator.generate.ShopDataGenerator;
import io.tributary.stack.LocalStack;
import io.tributary.stack.PostgresEndpoint;
import io.tributary.stack.Service;
import io.tributary.stack.StackSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not a test: measures load throughput and the achieved change rate against the local stack's real
 * PostgreSQL. Run from the simulator module with the test classpath:
 * <pre>java -cp target/test-classes:target/classes:&lt;test classpath&gt;
 *     io.tributary.simulator.bench.SimulatorBenchmark [scale] [rate] [duration] [workers] [events-per-tx]</pre>
 * Defaults: scale 10, rate 500, duration 60s, 1 worker, 1 event per transaction.
 */
public final class SimulatorBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorBenchmark.class);

    private SimulatorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int scale = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        String rate = args.length > 1 ? args[1] : "500";
        String duration = args.length > 2 ? args[2] : "60s";
        String workers = args.length > 3 ? args[3] : "1";
        String eventsPerTx = args.length > 4 ? args[4] : "1";
        Path dir = Path.of("target/bench-" + System.currentTimeMillis()).toAbsolutePath();
        try (LocalStack stack = LocalStack.start(StackSettings.forTests(dir.resolve("stack")), Service.POSTGRES)) {
            PostgresEndpoint pg = stack.postgres();
            Path password = Files.writeString(dir.resolve("app-password"), pg.appPassword());
            Path data = dir.resolve("data");
            long start = System.nanoTime();
            ShopDataGenerator.Counts counts = new ShopDataGenerator(scale, 42).writeTo(data);
            LOG.info("generate --scale {}: {} in {} ms", scale, counts, (System.nanoTime() - start) / 1_000_000);

            CliRun load = CliRun.of("load", "--pg-host", pg.host(), "--pg-port", String.valueOf(pg.port()),
                    "--pg-password-file", password.toString(), data.toString());
            LOG.info("load exit {}:\n{}{}", load.exitCode(), load.out(), load.err());

            CliRun run = CliRun.of("run", "--pg-host", pg.host(), "--pg-port", String.valueOf(pg.port()),
                    "--pg-password-file", password.toString(), "--rate", rate, "--duration", duration,
                    "--seed", "42", "--workers", workers, "--events-per-tx", eventsPerTx, "--metrics-port", "0", "--progress-interval", "5s",
                    "--schema-changes");
            LOG.info("run exit {}:\n{}{}", run.exitCode(), run.out(), run.err());
        }
    }
}
