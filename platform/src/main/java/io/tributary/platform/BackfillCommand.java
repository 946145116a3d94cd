package io.tributary.platform;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = {
            "Re-read one captured table from PostgreSQL into its topic while streaming goes on (Debezium's "
                + "incremental snapshot, started through the signal table tributary_cdc.debezium_signal).",
            "cdc-engine reads the table in primary-key chunks and sends every row as a snapshot read (op r); a row "
                + "changed while its chunk is read arrives as that change only, so no change is undone. The lake "
                + "merges the reads like any change: run it when silver misses rows (reconcile says so), or after a "
                + "table was added to the capture with rows already in it. The command returns at once; cdc-engine's "
                + "log says when the snapshot is done (./tributary logs cdc-engine).",
            "Exit 0: started; 1: refused (the answer says why: no such table, no primary key, not captured); "
                + "2: cdc-engine is not running. docs/cdc-engine.md, 'Backfill'."})
final class BackfillCommand implements Callable<Integer> {
    @Mixin
    StackOptions options;

    @Mixin
    TableArgument table;

    @Override
    public Integer call() throws InterruptedException {
        ParkedTableName name = table.name();
        PrintWriter out = options.out();
        PrintWriter err = options.err();
        Optional<StageEndpoint.Answer> answer = new StageEndpoint(Pipeline.CDC_ENGINE,
                options.stack().pipelinePorts().cdcEngine()).post("/tables/" + name.qualified() + "/backfill");
        if (answer.isEmpty()) {
            err.println(Pipeline.CDC_ENGINE + " is not running: start the stack (./tributary up), then run backfill "
                    + "again.");
            return 2;
        }
        StageEndpoint.Answer a = answer.get();
        if (a.ok()) {
            out.println(Pipeline.CDC_ENGINE + ": " + a.text());
            return 0;
        }
        err.println(Pipeline.CDC_ENGINE + ": " + a.text());
        return 1;
    }
}
