package io.tributary.platform;

import io.tributary.stack.Service;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "gold", mixinStandardHelpOptions = true,
        description = {"Check the gold stage's served windows against PostgreSQL (docs/gold.md).",
                "`tributary gold check` recomputes every closed window of gold from PostgreSQL (SQL over",
                "shop.orders and shop.products) and compares it with serving.* plus the late changes serving",
                "keeps (lakehouse-job gold-check in its own JVM; PostgreSQL only). Closed: ending at or before the",
                "watermark in serving.gold_progress. Run it once the gold query has read every change (after a demo).",
                "It prints one line per table and the first differing windows.",
                "Exit 0 when every closed window is equal, 3 when some differ, 1 on a failure."})
final class GoldCommand implements Callable<Integer> {
    @Mixin
    StackOptions options;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "check", description = "The action: check (the only one).")
    String action;

    @Option(names = "--sample", defaultValue = "10", description = "Differing windows printed per table (default ${DEFAULT-VALUE}).")
    int sample;

    @Override
    public Integer call() {
        if (!"check".equals(action)) {
            throw new ParameterException(spec.commandLine(), "tributary gold " + action + ": the action is check"
                    + " (tributary gold check)");
        }
        LakehouseTool.Result result = new LakehouseTool(options.stack().attachRunning(Service.POSTGRES))
                .run("gold-check", LakehouseTool.JOB_MAIN, List.of("gold-check", "--sample", Integer.toString(sample)),
                        System.out);
        if (result.exitCode() != 0 && result.exitCode() != 3) {
            var err = options.err();
            result.failureLines("tributary gold check", null).forEach(err::println);
            err.flush();
        }
        return result.exitCode();
    }
}
