package io.tributary.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.platform.trace.ChangeEvent;
import io.tributary.platform.trace.ChangeEventFinder;
import io.tributary.platform.trace.Hop;
import io.tributary.platform.trace.LineSink;
import io.tributary.platform.trace.PostgresRow;
import io.tributary.platform.trace.PostgresRowReader;
import io.tributary.platform.trace.SchemaVersions;
import io.tributary.platform.trace.Trace;
import io.tributary.platform.trace.TraceAssembly;
import io.tributary.platform.trace.TraceJson;
import io.tributary.platform.trace.TraceKey;
import io.tributary.platform.trace.TraceText;
import io.tributary.stack.LocalStack;
import io.tributary.stack.PostgresEndpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"Follow the latest change of one row through the pipeline, hop by hop.",
                "The row in PostgreSQL (its commit time and transaction), the change event in Kafka (topic, partition,",
                "offset, schema id and version, decoded),",
                "bronze (Delta version, batch, the row's LSN and offset) and silver (version, values), each with its time",
                "and its delay from the source commit; silver's delay is the change's freshness, as lakehouse-job measures",
                "it. Says where the change is stuck when it has not reached silver. The lake is read by lakehouse-job",
                "(a Spark session: allow 20-60 s). Example:  tributary trace orders 42"})
final class TraceCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    StackOptions options;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<table>", description = "The table in schema shop, e.g. orders.")
    String table;

    @Parameters(index = "1", paramLabel = "<key>",
            description = "The row's primary key: its value (42), or column=value pairs separated by commas.")
    String key;

    @Option(names = "--json", description = "One JSON document (with --follow: one JSON line per hop).")
    boolean json;

    @Option(names = "--follow", description = "Wait for the next change of the key and print each hop as it arrives;"
            + " repeat until Ctrl-C.")
    boolean follow;

    @Option(names = "--wait", defaultValue = "0s", paramLabel = "<duration>",
            description = "Wait up to this long for the change to reach silver before reporting (default ${DEFAULT-VALUE};"
                    + " with --follow 5m when not given).")
    String waitText;

    @Override
    public Integer call() throws InterruptedException {
        LocalStack stack = options.stack().attach();
        String topic = "tributary.shop." + table;
        SchemaVersions versions = new SchemaVersions(stack.registryUrl());
        PostgresEndpoint pg = stack.postgres();
        PostgresRowReader rows = new PostgresRowReader(pg.jdbcUrl(), pg.appUser(), pg.appPassword(), "shop");
        PrintWriter out = options.out();
        try (ChangeEventFinder finder = new ChangeEventFinder(stack.kafkaBootstrap(), stack.registryUrl(), topic,
                new TraceKey(key), id -> versions.of(id, topic + "-value"))) {
            if (!follow) {
                String wait = wait(false);
                long deadline = System.nanoTime() + ("0s".equals(wait) ? 0 : DurationText.parse(wait, "--wait").toNanos());
                ChangeEvent event = newest(finder, topic);
                PostgresRow row = rows.read(table, event.key());
                // a change committed a moment ago may not be in Kafka yet: within --wait, look again until it is
                while (TraceAssembly.newerInPostgres(row, event) && System.nanoTime() < deadline) {
                    Thread.sleep(1_000);
                    event = newest(finder, topic);
                    row = rows.read(table, event.key());
                }
                long left = Math.max(0, deadline - System.nanoTime());
                Trace trace = lake(stack, event, row, left == 0 ? "0s" : (left / 1_000_000) + "ms", null);
                out.print(json ? TraceJson.of(trace) + "\n" : TraceText.of(trace));
                out.flush();
                return 0;
            }
            finder.seekToEnd();
            if (!json) {
                out.println("Waiting for the next change of " + table + " " + key + " (Ctrl-C to stop) ...");
                out.flush();
            }
            while (true) {
                ChangeEvent event = finder.next();
                PostgresRow row = rows.read(table, event.key());
                if (!json) {
                    out.println(TraceText.headline(table, event));
                }
                TraceAssembly.sourceHops(row, event).forEach(h -> print(out, h));
                Trace trace = lake(stack, event, row, wait(true), h -> print(out, h));
                if (!json) {
                    out.println(trace.stuck() == null ? "  arrived everywhere" : "  STUCK " + trace.stuck());
                }
                out.flush();
            }
        }
    }

    private ChangeEvent newest(ChangeEventFinder finder, String topic) {
        return finder.newest().orElseThrow(() -> new IllegalArgumentException("Topic " + topic
                + " holds no change event for key " + key + " of table " + table + ": check the key (tributary"
                + " psql -- -c \"SELECT * FROM shop." + table + " LIMIT 5\") or whether cdc-engine captured the"
                + " table (tributary status)."));
    }

    private void print(PrintWriter out, Hop hop) {
        out.println(json ? TraceJson.hop(hop).toString() : TraceText.hop(hop));
        out.flush();
    }

    /** The lake's wait: --wait as given (checked), else 0s, or 5m when following. */
    private String wait(boolean following) {
        if (spec.commandLine().getParseResult().matchedOption("--wait") == null) {
            return following ? "5m" : "0s";
        }
        return "0s".equals(waitText) ? waitText : DurationText.format(DurationText.parse(waitText, "--wait"));
    }

    /**
     * Asks lakehouse-job where the change is in bronze and silver (waiting up to {@code wait}) and assembles the trace;
     * {@code eachHop}, when given, gets each lake hop as soon as lakehouse-job reports it.
     */
    private Trace lake(LocalStack stack, ChangeEvent event, PostgresRow row, String wait,
            Consumer<Hop> eachHop) {
        List<String> args = new ArrayList<>(List.of("trace", table, "--topic", event.topic(),
                "--partition", Integer.toString(event.partition()), "--offset", Long.toString(event.offset()),
                "--lsn", Long.toString(event.lsn()), "--wait", wait));
        event.key().forEach((column, value) -> args.addAll(List.of("--key", column + "=" + value)));
        Map<String, JsonNode> hops = new HashMap<>();
        LakehouseTool.Result result = new LakehouseTool(stack).run("trace", LakehouseTool.JOB_MAIN, args,
                new LineSink(line -> {
                    JsonNode hop = parse(line);
                    if (hop != null && hop.has("hop")) {
                        hops.put(hop.get("hop").asText(), hop);
                        if (eachHop != null) {
                            eachHop.accept(TraceAssembly.assemble(table, row, event, hops.get("bronze"), hops.get("silver"))
                                    .hops().stream().filter(h -> h.name().equals(hop.get("hop").asText())).findFirst()
                                    .orElseThrow());
                        }
                    }
                }));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("lakehouse-job trace failed with exit code " + result.exitCode() + "; its log is "
                    + result.log() + " (tributary logs trace)");
        }
        return TraceAssembly.assemble(table, row, event, hops.get("bronze"), hops.get("silver"));
    }

    private static JsonNode parse(String line) {
        if (!line.startsWith("{")) {
            return null;
        }
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("lakehouse-job trace printed a line that is not JSON: " + line, e);
        }
    }
}
