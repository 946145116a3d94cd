package io.tributary.platform;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
            description = {
                "Accept the schema the registry refused for a parked table: cdc-engine registers it as a new version "
                    + "under a one-time, logged compatibility override of that subject (NONE), then restores the "
                    + "subject's own level. Consumers of the topic must be able to read it. Then run "
                    + "`tributary resume TABLE`.",
                "Exit 0: accepted; 1: refused (the answer says why); 2: cdc-engine does not answer."})
    static final class Accept implements Callable<Integer> {
        @Mixin
        StackOptions options;

        @Mixin
        TableArgument table;

        @Override
        public Integer call() throws InterruptedException {
            ParkedTableName name = table.name();
            Optional<StageEndpoint.Answer> answer = new StageEndpoint(Pipeline.CDC_ENGINE,
                    options.stack().pipelinePorts().cdcEngine()).post("/tables/" + name.qualified()
                    + "/accept-schema");
            PrintWriter out = options.out();
            PrintWriter err = options.err();
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
