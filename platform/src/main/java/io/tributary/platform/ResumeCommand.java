package io.tributary.platform;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {
            "Resume a parked table once its cause is fixed, wherever it is parked: cdc-engine replays its parked "
                + "changes (topic <prefix>._parked.<schema>.<table>) into the table's topic, then the lakehouse job "
                + "replays its parked records (s3a://lakehouse/_parked) into bronze and silver, in order.",
            "A table is parked when a failure of its own stops it: a schema the registry refuses (first "
                + "`tributary schema accept TABLE`), a value that cannot be encoded, a write the lake cannot make. "
                + "Every other table keeps flowing meanwhile.",
            "Exit 0: resumed; 1: not parked, or the replay was refused (the answer says why; the table stays "
                + "parked); 2: no stage answers. docs/reliability.md and docs/lakehouse-job.md, 'Parked tables'."})
final class ResumeCommand implements Callable<Integer> {
    @Mixin
    StackOptions options;

    @Mixin
    TableArgument table;

    @Override
    public Integer call() throws InterruptedException {
        PipelinePorts ports = options.stack().pipelinePorts();
        ParkedTableName name = table.name();
        PrintWriter out = options.out();
        PrintWriter err = options.err();
        // capture first: what cdc-engine replays into the topic reaches the lake like any other change
        Outcome cdc = report(Pipeline.CDC_ENGINE, new StageEndpoint(Pipeline.CDC_ENGINE, ports.cdcEngine())
                .post("/tables/" + name.qualified() + "/resume"), out, err);
        Outcome lake = report(Pipeline.LAKEHOUSE_JOB, new StageEndpoint(Pipeline.LAKEHOUSE_JOB, ports.lakehouseJob())
                .post("/tables/" + name.table() + "/resume"), out, err);
        out.flush();
        err.flush();
        if (cdc == Outcome.DOWN && lake == Outcome.DOWN) {
            err.println("No pipeline stage answers: start the stack (./tributary up) and run resume again.");
            return 2;
        }
        if (cdc == Outcome.REFUSED || lake == Outcome.REFUSED) {
            return 1;
        }
        if (cdc != Outcome.RESUMED && lake != Outcome.RESUMED) {
            err.println(name.qualified() + " is parked neither in cdc-engine nor in the lakehouse job.");
            return 1;
        }
        return 0;
    }

    private enum Outcome { RESUMED, NOT_PARKED, REFUSED, DOWN }

    private static Outcome report(String stage, Optional<StageEndpoint.Answer> answer, PrintWriter out,
                                  PrintWriter err) {
        if (answer.isEmpty()) {
            err.println(stage + ": not running, nothing resumed there");
            return Outcome.DOWN;
        }
        StageEndpoint.Answer a = answer.get();
        if (a.ok()) {
            out.println(stage + ": " + a.body());
            return Outcome.RESUMED;
        }
        if (a.notParked()) {
            return Outcome.NOT_PARKED;
        }
        err.println(stage + ": " + a.body());
        return Outcome.REFUSED;
    }
}
