package io.tributary.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check at the end of {@code tributary chaos}, once the simulator stopped: reconcile waits for the lake and
 * compares it with PostgreSQL (a crashed reconcile, not a verdict, is tried once more), then the quarantine's poison
 * records are counted.
 */
final class ChaosLakeCheck {
    private static final Logger LOG = LoggerFactory.getLogger(ChaosLakeCheck.class);
    private static final int RECONCILE_ATTEMPTS = 2;

    private final LakehouseTool tool;
    private final Consumer<String> say;

    ChaosLakeCheck(LakehouseTool tool, Consumer<String> say) {
        this.tool = tool;
        this.say = say;
    }

    /** reconcile's last run; {@code parkedArguments} name the tables cdc-engine parked (the lake's own are in the lake). */
    LakehouseTool.Result reconcile(Duration catchUpTimeout, List<String> parkedArguments) {
        List<String> reconcileArgs = new ArrayList<>(List.of("--json", "--timeout", catchUpTimeout.toSeconds() + "s"));
        reconcileArgs.addAll(parkedArguments);
        LakehouseTool.Result run = null;
        for (int attempt = 1; attempt <= RECONCILE_ATTEMPTS; attempt++) {
            run = tool.run("reconcile", LakehouseTool.RECONCILE_MAIN, reconcileArgs, null);
            if (ReconcileSummary.isVerdict(run.exitCode())) {
                break;
            }
            // a crashed reconcile (not a verdict) is retried once; its log keeps the error
            say.accept("reconcile attempt " + attempt + "/" + RECONCILE_ATTEMPTS + " failed with exit code " + run.exitCode()
                    + "; see " + run.log());
        }
        return run;
    }

    /** The distinct records in lake.quarantine; -1 when they cannot be counted. */
    long countQuarantine(int poisonInjected) {
        LakehouseTool.Result r = tool.run("sql", LakehouseTool.JOB_MAIN, List.of("sql",
                "SELECT count(DISTINCT _topic, _partition, _offset) AS poison FROM lake.quarantine", "--format", "csv"), null);
        List<String> lines = r.stdout().lines().map(String::strip).filter(l -> l.matches("\\d+")).toList();
        if (r.exitCode() != 0 || lines.isEmpty()) {
            if (poisonInjected == 0) {
                return 0; // the job creates lake.quarantine when it starts: a lake it never ran on has none
            }
            LOG.warn("Counting the quarantine failed (exit {}); see {}", r.exitCode(), r.log());
            return -1;
        }
        return Long.parseLong(lines.get(lines.size() - 1));
    }
}
