package io.tributary.lakehouse.trace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.configuration.ConfigException;
import io.tributary.configuration.DurationSyntax;
import io.tributary.lakehouse.config.LakehouseConfig;
import io.tributary.lakehouse.lake.LakePaths;
import io.tributary.lakehouse.stream.SparkSessions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lakehouse-job trace}: where one change is in the lake. Prints one JSON line per hop (bronze, then silver) as
 * soon as the hop holds the change, waiting up to {@code --wait}; at the end of the wait a hop that still does not
 * hold it is printed with {@code "arrived": false} and what it holds instead. {@code tributary trace} runs it.
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "Find one change in bronze (by its Kafka partition and offset) and its key's row in silver, each"
                + " with the Delta commit that made it visible; one JSON line per hop.")
public final class TraceCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<table>", description = "The table, e.g. orders.")
    String table;

    @Option(names = "--topic", required = true, description = "The change's Kafka topic.")
    String topic;

    @Option(names = "--partition", required = true, description = "The change's Kafka partition.")
    int partition;

    @Option(names = "--offset", required = true, description = "The change's Kafka offset.")
    long offset;

    @Option(names = "--lsn", required = true,
            description = "The change's LSN: silver holds it once the key's row has this LSN or a later one.")
    long lsn;

    @Option(names = "--key", required = true, paramLabel = "<column=value>",
            description = "A primary-key column and its value; one per key column.")
    Map<String, String> key = new LinkedHashMap<>();

    @Option(names = "--wait", defaultValue = "0s",
            description = "How long to wait for a hop that does not hold the change yet (default ${DEFAULT-VALUE}).")
    String waitText;

    @Option(names = "--poll", defaultValue = "2s",
            description = "How often to look again while waiting (default ${DEFAULT-VALUE}).")
    String pollText;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Duration wait = duration(waitText, "--wait");
        Duration poll = duration(pollText, "--poll");
        LakehouseConfig config = LakehouseConfig.load(Map.of(), System.getenv(), Map.of());
        Files.createDirectories(config.dataDir());
        SparkSession spark = SparkSessions.create(config, "tributary-trace");
        PrintWriter out = spec.commandLine().getOut();
        try {
            LakeTracer tracer = new LakeTracer(spark, new LakePaths(config.lakeRoot()));
            long deadline = System.nanoTime() + wait.toNanos();
            boolean bronzeShown = false;
            while (true) {
                boolean last = System.nanoTime() >= deadline;
                if (!bronzeShown) {
                    Optional<ObjectNode> bronze = tracer.bronze(table, topic, partition, offset);
                    if (bronze.isPresent() || last) {
                        print(out, bronze.orElseGet(() -> missingBronze()));
                        bronzeShown = true;
                    }
                }
                ObjectNode silver = tracer.silver(table, key, lsn);
                if (bronzeShown && (silver.path("arrived").asBoolean() || last)) {
                    print(out, silver);
                    return 0;
                }
                Thread.sleep(poll.toMillis());
            }
        } finally {
            spark.stop();
        }
    }

    private ObjectNode missingBronze() {
        return new ObjectMapper().createObjectNode().put("hop", "bronze").put("arrived", false)
                .put("partition", partition).put("offset", offset);
    }

    private static void print(PrintWriter out, ObjectNode hop) {
        out.println(hop.toString());
        out.flush();
    }

    private static Duration duration(String text, String option) {
        try {
            return DurationSyntax.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(option + ": " + e.getMessage());
        }
    }
}
