package io.tributary.lakehouse.history;

import io.tributary.lakehouse.LakehouseJobMain;
import io.tributary.lakehouse.config.LakehouseConfig;
import io.tributary.lakehouse.lake.CommitRetry;
import io.tributary.lakehouse.lake.LakePaths;
import io.tributary.lakehouse.stream.SparkSessions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code history}: brings the SCD type 2 history tables up to bronze (docs/history.md). */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"Bring the SCD type 2 history tables history/<table> up to the bronze changelog: one version per",
                "change with valid_from/valid_to (source commit times), is_current, _lsn_from/_lsn_to and _op.",
                "Incremental (from the last applied bronze offsets) and idempotent: a rerun or a replay writes nothing",
                "twice. Run one at a time (daily-sales and validate run it too). Exit 0 done, 1 failed."})
public final class HistoryCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    LakehouseJobMain parent;

    @Option(names = "--table", description = "Only this table (repeatable); default every table bronze has.")
    List<String> tables = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LakehouseConfig config = parent.config();
        Files.createDirectories(config.dataDir());
        SparkSession spark = SparkSessions.create(config, "tributary-lakehouse-history");
        try {
            HistoryWriter writer = new HistoryWriter(spark, new LakePaths(config.lakeRoot()),
                    new CommitRetry(config.commitRetries(), config.commitBackoff()));
            List<HistoryWriter.TableReport> reports = new ArrayList<>();
            if (tables.isEmpty()) {
                reports.addAll(writer.updateAll());
            } else {
                tables.forEach(t -> reports.add(writer.update(t)));
            }
            PrintWriter out = spec.commandLine().getOut();
            for (HistoryWriter.TableReport r : reports) {
                out.printf("history.%s: %d new changes of bronze (version %d) -> %d versions written%n", r.table(),
                        r.changesRead(), r.bronzeVersion(), r.versionsWritten());
            }
            out.flush();
        } finally {
            spark.stop();
        }
        return 0;
    }
}
