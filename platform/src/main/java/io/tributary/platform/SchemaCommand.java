package io.tributary.platform;

import io.tributary.stack.StackSettings;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Schema operations on captured tables.",
        subcommands = {SchemaCommand.Accept.class})
final class SchemaCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "accept", mixinStandardHelpOptions = true,
            description = {"Accept the schema the registry refused for a parked table: cdc-engine registers it as a",
                    "new version under a one-time, logged compatibility override of that subject (NONE), then the",
                    "subject's own level is restored. Consumers of the topic must be able to read it (the lake",
                    "can when silver can take the change). Then run `tributary resume TABLE`.",
                    "Exit 0: accepted; 1: refused (the answer says why); 2: cdc-engine does not answer."})
    static final class Accept implements Callable<Integer> {
        @Mixin
        StackOptions options;

        @Parameters(index = "0", paramLabel = "TABLE", description = "the table, e.g. orders (or shop.orders)")
        String table;

        @Option(names = "--schema", defaultValue = "shop", description = "its PostgreSQL schema (default: ${DEFAULT-VALUE})")
        String schema;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            StackSettings settings = options.settings();
            ParkedTableName name = ParkedTableName.of(table, schema);
            Optional<StageEndpoint.Answer> answer = new StageEndpoint(Pipeline.CDC_ENGINE,
                    PipelinePorts.load(settings.dataDir()).cdcEngine()).post("/tables/" + name.qualified()
                    + "/accept-schema");
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (answer.isEmpty()) {
                err.println("cdc-engine does not answer: start the stack (./tributary up) and run it again.");
                return 2;
            }
            if (answer.get().ok()) {
                out.println(answer.get().body());
                out.println("Now: ./tributary resume " + name.qualified());
                return 0;
            }
            err.println("cdc-engine: " + answer.get().body());
            return 1;
        }
    }
}
